package io.therapyms.clients.export;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

import com.fasterxml.jackson.databind.JsonNode;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;

import io.therapyms.platform.time.InstantText;

/**
 * The export as a FHIR R4 Bundle of type {@code collection}, built from the same JSON document as
 * {@code ?format=json} so the two never disagree. Every resource's id is the system's own id (all are UUIDs),
 * its {@code fullUrl} is {@code urn:uuid:<id>} and references point at those, so the bundle is self-contained.
 * What R4 has no element for (pronouns, time zone, the entries' private flag as such) stays in the JSON format.
 */
@Singleton
public class FhirExport {

    static final String LOINC = "http://loinc.org";
    static final String PHQ9_PANEL = "44249-1";
    static final String PHQ9_TOTAL = "44261-6";
    static final String GAD7_PANEL = "69737-5";
    static final String GAD7_TOTAL = "70274-6";
    private static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    /** Building the context reads the whole R4 model; once, on first use, not at start-up. */
    private volatile FhirContext context;

    FhirContext context() {
        FhirContext current = context;
        if (current == null) {
            synchronized (this) {
                if (context == null) {
                    context = FhirContext.forR4();
                }
                current = context;
            }
        }
        return current;
    }

    String toJson(JsonNode document) {
        return context().newJsonParser().setPrettyPrint(true).encodeResourceToString(bundle(document));
    }

    Bundle bundle(JsonNode doc) {
        Bundle bundle = new Bundle();
        bundle.setId(doc.path("clientId").asText());
        bundle.setType(Bundle.BundleType.COLLECTION);
        bundle.setTimestamp(Date.from(InstantText.parse(doc.path("exportedAt").asText())));
        String clientId = doc.path("clientId").asText();
        Set<String> practitioners = new HashSet<>();

        Patient patient = new Patient();
        JsonNode profile = doc.path("client").path("profile");
        JsonNode account = doc.path("account");
        patient.setActive(account.path("active").asBoolean(true));
        patient.addName().setText(profile.path("name").asText());
        addTelecom(patient, ContactPoint.ContactPointSystem.EMAIL, text(profile, "email"));
        addTelecom(patient, ContactPoint.ContactPointSystem.PHONE, text(profile, "phone"));
        if (text(profile, "dateOfBirth") != null) {
            patient.setBirthDateElement(new DateType(text(profile, "dateOfBirth")));
        }
        for (JsonNode link : doc.path("client").path("links")) {
            patient.addGeneralPractitioner(ref(link.path("therapistId").asText()));
        }
        add(bundle, patient, clientId);

        for (JsonNode therapist : doc.path("therapists").path("therapists")) {
            Practitioner practitioner = new Practitioner();
            practitioner.addName().setText(therapist.path("name").asText());
            if (text(therapist, "location") != null) {
                practitioner.addAddress().setText(therapist.path("location").asText());
            }
            practitioners.add(therapist.path("therapistId").asText());
            add(bundle, practitioner, therapist.path("therapistId").asText());
        }

        for (JsonNode link : doc.path("client").path("links")) {
            practitioner(bundle, practitioners, link.path("therapistId").asText());
        }

        for (JsonNode session : doc.path("scheduling").path("sessions")) {
            Appointment appointment = new Appointment();
            appointment.setStatus(appointmentStatus(session.path("status").asText()));
            appointment.setStart(Date.from(InstantText.parse(session.path("startTime").asText())));
            appointment.setEnd(Date.from(InstantText.parse(session.path("endTime").asText())));
            appointment.setDescription("Therapy session");
            if (text(session, "sharedNotes") != null) {
                appointment.setComment(session.path("sharedNotes").asText());
            }
            appointment.addParticipant().setActor(ref(clientId))
                    .setStatus(Appointment.ParticipationStatus.ACCEPTED);
            appointment.addParticipant().setActor(ref(session.path("therapistId").asText()))
                    .setStatus(Appointment.ParticipationStatus.ACCEPTED);
            practitioner(bundle, practitioners, session.path("therapistId").asText());
            add(bundle, appointment, session.path("sessionId").asText());
        }

        Set<String> entries = new HashSet<>();
        for (JsonNode entry : doc.path("journal").path("entries")) {
            entries.add(entry.path("journalEntryId").asText());
            Observation mood = new Observation();
            mood.setStatus(Observation.ObservationStatus.FINAL);
            mood.addCategory(new CodeableConcept(new Coding(OBSERVATION_CATEGORY, "survey", "Survey")));
            mood.setCode(new CodeableConcept().setText("Mood (journal entry: feeling and intensity 1-10)"));
            mood.setSubject(ref(clientId));
            mood.addPerformer(ref(clientId)); // self-reported
            mood.setEffective(dateTime(entry.path("time").asText()));
            mood.setValue(new StringType(entry.path("feeling").asText()));
            mood.addComponent().setCode(new CodeableConcept().setText("Intensity (1-10)"))
                    .setValue(new IntegerType(entry.path("intensity").asInt()));
            if (text(entry, "content") != null) {
                mood.addNote(new Annotation().setText(entry.path("content").asText()));
            }
            add(bundle, mood, entry.path("journalEntryId").asText());
        }

        for (JsonNode measure : doc.path("journal").path("measures")) {
            boolean phq9 = "PHQ-9".equals(measure.path("instrument").asText());
            String measureId = measure.path("measureId").asText();
            DateTimeType completed = dateTime(measure.path("completedAt").asText());
            QuestionnaireResponse response = new QuestionnaireResponse();
            response.setQuestionnaire(LOINC + "/q/" + (phq9 ? PHQ9_PANEL : GAD7_PANEL));
            response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
            response.setSubject(ref(clientId));
            response.setAuthoredElement(completed);
            response.setAuthor(ref(clientId));
            int item = 1;
            for (JsonNode answer : measure.path("answers")) {
                response.addItem().setLinkId(Integer.toString(item++))
                        .addAnswer().setValue(new IntegerType(answer.asInt()));
            }
            add(bundle, response, measureId);

            Observation score = new Observation();
            score.setStatus(Observation.ObservationStatus.FINAL);
            score.addCategory(new CodeableConcept(new Coding(OBSERVATION_CATEGORY, "survey", "Survey")));
            score.setCode(new CodeableConcept(new Coding(LOINC, phq9 ? PHQ9_TOTAL : GAD7_TOTAL,
                    phq9 ? "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]"
                            : "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]")));
            score.setSubject(ref(clientId));
            score.addPerformer(ref(clientId)); // self-reported
            score.setEffective(completed);
            score.setValue(new IntegerType(measure.path("score").asInt()));
            score.addInterpretation(new CodeableConcept().setText(measure.path("severity").asText()));
            score.addDerivedFrom(ref(measureId));
            add(bundle, score, derivedId("score", measureId));
        }

        for (JsonNode request : doc.path("journal").path("accessRequests")) {
            String therapistId = request.path("therapistId").asText();
            Consent consent = new Consent();
            consent.setStatus(consentStatus(request.path("status").asText()));
            consent.setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope",
                    "patient-privacy", "Privacy Consent")));
            consent.addCategory(new CodeableConcept(new Coding(LOINC, "59284-0", "Patient Consent")));
            consent.setPatient(ref(clientId));
            consent.setDateTimeElement(dateTime(text(request, "updatedAt") != null ? request.path("updatedAt").asText()
                    : request.path("createdAt").asText()));
            consent.setPolicyRule(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode",
                    "OPTIN", "opt-in")).setText("Journal access for one therapist"));
            Consent.ProvisionComponent provision = consent.getProvision();
            provision.setType(Consent.ConsentProvisionType.PERMIT);
            provision.addActor().setReference(ref(therapistId)).setRole(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient")));
            Period period = new Period().setStartElement(dateTime(request.path("createdAt").asText()));
            if (text(request, "expiresAt") != null) {
                period.setEndElement(dateTime(request.path("expiresAt").asText()));
            }
            provision.setPeriod(period);
            practitioner(bundle, practitioners, therapistId);
            add(bundle, consent, request.path("journalAccessRequestId").asText());
        }

        int logIndex = 0;
        for (JsonNode record : doc.path("journal").path("accessLog")) {
            String therapistId = record.path("therapistId").asText();
            AuditEvent audit = new AuditEvent();
            audit.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest",
                    "RESTful Operation"));
            audit.setAction(AuditEvent.AuditEventAction.R);
            audit.setRecordedElement(new InstantType(Date.from(InstantText.parse(record.path("at").asText())),
                    TemporalPrecisionEnum.MILLI, UTC));
            audit.setOutcome(AuditEvent.AuditEventOutcome._0);
            audit.addAgent().setWho(ref(therapistId)).setRequestor(true);
            audit.getSource().setObserver(new Reference().setDisplay("Therapy Management System journal"));
            audit.addEntity().setWhat(ref(clientId)).setDescription("journal " + record.path("action").asText());
            for (JsonNode entryId : record.path("entryIds")) {
                // An entry deleted since the read is no longer in the bundle: named by its id, not referenced.
                audit.addEntity().setWhat(entries.contains(entryId.asText()) ? ref(entryId.asText())
                        : new Reference().setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986")
                                .setValue("urn:uuid:" + entryId.asText())).setDisplay("a journal entry since deleted"));
            }
            practitioner(bundle, practitioners, therapistId);
            add(bundle, audit, derivedId("access-log", clientId + "#" + record.path("at").asText() + "#" + therapistId
                    + "#" + logIndex++));
        }

        for (JsonNode message : doc.path("messaging").path("messages")) {
            Communication communication = new Communication();
            communication.setStatus(Communication.CommunicationStatus.COMPLETED);
            communication.setSubject(ref(clientId));
            communication.setSender(ref(message.path("senderId").asText()));
            communication.addRecipient(ref(message.path("recipientId").asText()));
            communication.setSentElement(dateTime(message.path("timestamp").asText()));
            if (!message.path("deleted").asBoolean() && text(message, "content") != null) {
                communication.addPayload().setContent(new StringType(message.path("content").asText()));
            }
            for (String party : new String[] {message.path("senderId").asText(), message.path("recipientId").asText()}) {
                if (!party.equals(clientId)) {
                    practitioner(bundle, practitioners, party);
                }
            }
            add(bundle, communication, message.path("messageId").asText());
        }
        return bundle;
    }

    /** A therapist named in the data whose profile is gone (deleted) still needs a resource for the references. */
    private void practitioner(Bundle bundle, Set<String> known, String therapistId) {
        if (known.add(therapistId)) {
            Practitioner practitioner = new Practitioner();
            practitioner.setActive(false);
            add(bundle, practitioner, therapistId);
        }
    }

    private static void add(Bundle bundle, Resource resource, String id) {
        resource.setId(id);
        bundle.addEntry().setFullUrl("urn:uuid:" + id).setResource(resource);
    }

    private static Reference ref(String id) {
        return new Reference("urn:uuid:" + id);
    }

    /** A stable UUID for a resource the system keeps no id for (a score, an access-log record). */
    static String derivedId(String kind, String source) {
        return UUID.nameUUIDFromBytes((kind + ":" + source).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static DateTimeType dateTime(String instant) {
        return new DateTimeType(Date.from(InstantText.parse(instant)), TemporalPrecisionEnum.MILLI, UTC);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private static void addTelecom(Patient patient, ContactPoint.ContactPointSystem system, String value) {
        if (value != null) {
            patient.addTelecom().setSystem(system).setValue(value);
        }
    }

    static Appointment.AppointmentStatus appointmentStatus(String status) {
        return switch (status) {
            case "completed" -> Appointment.AppointmentStatus.FULFILLED;
            case "cancelled" -> Appointment.AppointmentStatus.CANCELLED;
            case "no_show" -> Appointment.AppointmentStatus.NOSHOW;
            default -> Appointment.AppointmentStatus.BOOKED;
        };
    }

    static Consent.ConsentState consentStatus(String status) {
        return switch (status) {
            case "pending" -> Consent.ConsentState.PROPOSED;
            case "approved" -> Consent.ConsentState.ACTIVE;
            case "rejected" -> Consent.ConsentState.REJECTED;
            default -> Consent.ConsentState.INACTIVE;
        };
    }
}
