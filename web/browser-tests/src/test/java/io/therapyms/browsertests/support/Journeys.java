package io.therapyms.browsertests.support;

import java.util.UUID;

/** Steps many browser tests share, done through the UI like a person would. */
public final class Journeys {

    private Journeys() {
    }

    /** A new person: unique email, a password of the allowed length that is on no common list. */
    public record Person(String name, String email, String password, String role) {

        public static Person client(String name) {
            return create(name, "client");
        }

        public static Person therapist(String name) {
            return create(name, "therapist");
        }

        private static Person create(String name, String role) {
            String id = UUID.randomUUID().toString().substring(0, 8);
            return new Person(name, role + "-" + id + "@example.com", "pw-" + id + "-correct-horse", role);
        }
    }

    /** From anywhere signed out: the sign-up page, filled and sent; waits for the area's home page. */
    public static void signUp(Browser browser, Person person) {
        browser.go("/sign-up");
        sendSignUpForm(browser, person);
        browser.waitForPath(homeOf(person.role()));
    }

    /** The sign-up page already open (no page load, so a script the test put in the page stays), filled and sent. */
    public static void sendSignUpForm(Browser browser, Person person) {
        browser.heading("Create an account");
        browser.choose(person.role().equals("therapist") ? "A therapist" : "A client");
        browser.fill("Your name", person.name());
        browser.fill("Email address", person.email());
        browser.fill("Password", person.password());
        browser.press("Create account");
    }

    /** The sign-in page, filled and sent; waits to leave it (for home, or the page asked for before). */
    public static void signIn(Browser browser, Person person) {
        if (!browser.path().startsWith("/sign-in")) {
            browser.go("/sign-in");
        }
        browser.heading("Sign in");
        browser.fill("Email address", person.email());
        browser.fill("Password", person.password());
        browser.press("Sign in");
        browser.waitUntilPathIsNot("/sign-in");
    }

    public static void signOut(Browser browser) {
        browser.byTestId("sign-out").click();
        browser.heading("Sign in");
    }

    public static String homeOf(String role) {
        return switch (role) {
            case "admin" -> "/admin";
            case "therapist" -> "/therapist";
            default -> "/client";
        };
    }
}
