package io.therapyms.auth.passwords;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.inject.Singleton;

import io.therapyms.platform.errors.BadRequestException;

/**
 * What makes a password acceptable: 12 to 128 characters of any script, not one of the 30,000 most
 * common passwords (also when only trailing digits or symbols were added, as in "password1234"),
 * and not the account's email.
 */
@Singleton
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    private static final String LIST = "passwords/common-passwords.txt";

    private final Set<String> common;

    public PasswordPolicy() {
        this.common = load();
    }

    /** Throws a 400 naming the field and the reason when the password is not acceptable. */
    public void check(String field, String password, String email) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw BadRequestException.field(field, "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long");
        }
        if (isCommon(password)) {
            throw BadRequestException.field(field, "is one of the most commonly used passwords; choose another");
        }
        if (email != null && password.equalsIgnoreCase(email.trim())) {
            throw BadRequestException.field(field, "must not be the email address");
        }
    }

    public int size() {
        return common.size();
    }

    boolean isCommon(String password) {
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            return true;
        }
        String stem = lower.replaceAll("[\\d\\p{Punct}\\s]+$", "");
        return !stem.isEmpty() && stem.length() < lower.length() && common.contains(stem);
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>(40_000);
        try (InputStream in = PasswordPolicy.class.getClassLoader().getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + LIST);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank()) {
                    words.add(line.trim().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + LIST, e);
        }
        return Set.copyOf(words);
    }
}
