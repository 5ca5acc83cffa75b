package io.payguard.platform.protection.privacy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

/**
 * A {@link PrivacyParticipant} whose export is sections of rows (section name to rows, each row field name to a plain
 * value: string, number, boolean or null), turned into JSON here, so a service's use-case class can be its participant
 * without depending on JSON.
 */
public interface SectionedParticipant extends PrivacyParticipant {

    /** The mapper for plain values only (no modules needed). */
    ObjectMapper JSON = JsonMapper.builder().build();

    /** Everything this service holds about the subject, as sections of rows, in the order they are shown. */
    Uni<Map<String, List<Map<String, Object>>>> exportSections(String subject);

    @Override
    default Uni<ObjectNode> export(String subject) {
        return exportSections(subject).map(sections -> JSON.valueToTree(sections));
    }
}
