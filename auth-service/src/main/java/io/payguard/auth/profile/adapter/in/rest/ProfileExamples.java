package io.payguard.auth.profile.adapter.in.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.payguard.platform.web.openapi.ApiSchemas;

/** Examples of the profile operations (made-up people; masked as the kit masks them). */
final class ProfileExamples {

    static final String UNBOUNDED = "No length check of its own yet: bounded by the 1 MiB body limit";

    static final String CREATE = """
            {"name": "Li Wei", "phone": "+8613800138000", "email": "li.wei@example.com"}""";

    static final String PROFILE = """
            {"id": "0b6e2f8a-3c4d-4e5f-9a8b-7c6d5e4f3a2b", "name": "L****", "phone": "+86*******8000",
             "email": "l*****@example.com", "keyVersion": 1, "status": "active"}""";

    static final String PROFILES = "[" + PROFILE + "]";

    static final String REVEALED = """
            {"id": "0b6e2f8a-3c4d-4e5f-9a8b-7c6d5e4f3a2b",
             "personalData": {"name": "Li Wei", "phone": "+8613800138000", "email": "li.wei@example.com"},
             "status": "active"}""";

    static final String JOB = """
            {"job": "kek-rotation", "status": "RUNNING", "lastKey": "0b6e2f8a-3c4d-4e5f-9a8b-7c6d5e4f3a2b",
             "processed": 500}""";

    private ProfileExamples() {}

    /** A revealed value: as stored, bounded by the body limit it was sent under. */
    @Schema(name = "PersonalValue", type = SchemaType.STRING, maxLength = ApiSchemas.MAX_BODY)
    static final class PersonalValue {}
}
