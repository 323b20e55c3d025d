package io.therapyms.clients.profiles;

/** The editable fields of a profile; null means "leave as it is". */
record ProfileChanges(String name, String phone, String dateOfBirth, String timezone, String pronouns) {
}
