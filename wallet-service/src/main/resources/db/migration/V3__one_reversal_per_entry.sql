-- An entry is reversed at most once; a second correction must be a new, explicit entry.
CREATE UNIQUE INDEX journal_entry_reversed_once ON journal_entry (reverses) WHERE reverses IS NOT NULL;
