package io.therapyms.browsertests.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Everything the page could have written where it outlives memory or leaks: localStorage, sessionStorage,
 * every IndexedDB database (names, stores and records), cookies readable by script, and the URL. The app must
 * keep tokens, passwords and clinical text out of all of them.
 */
public final class StorageInspection {

    /** A JWT (header.payload.…) or a long opaque token-like run. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}");

    private final String localStorage;
    private final String sessionStorage;
    private final String indexedDb;
    private final String scriptCookies;
    private final String url;
    private final List<String> httpOnlyCookieNames;

    private StorageInspection(String localStorage, String sessionStorage, String indexedDb, String scriptCookies,
            String url, List<String> httpOnlyCookieNames) {
        this.localStorage = localStorage;
        this.sessionStorage = sessionStorage;
        this.indexedDb = indexedDb;
        this.scriptCookies = scriptCookies;
        this.url = url;
        this.httpOnlyCookieNames = httpOnlyCookieNames;
    }

    static StorageInspection of(ChromeDriver driver) {
        JavascriptExecutor js = driver;
        String local = String.valueOf(js.executeScript("return JSON.stringify(Object.entries(localStorage))"));
        String session = String.valueOf(js.executeScript("return JSON.stringify(Object.entries(sessionStorage))"));
        String idb = String.valueOf(js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const out = [];
                  for (const info of await indexedDB.databases()) {
                    const db = await new Promise((ok, ko) => { const r = indexedDB.open(info.name); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
                    for (const store of db.objectStoreNames) {
                      const all = await new Promise((ok) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => ok(r.result); r.onerror = () => ok([]); });
                      out.push({ db: info.name, store, records: all });
                    }
                    db.close();
                  }
                  return JSON.stringify(out);
                })().then(done, e => done('error: ' + e));
                """));
        String cookies = String.valueOf(js.executeScript("return document.cookie"));
        List<String> httpOnly = driver.manage().getCookies().stream().filter(Cookie::isHttpOnly).map(Cookie::getName)
                .toList();
        return new StorageInspection(local, session, idb, cookies, driver.getCurrentUrl(), httpOnly);
    }

    /** Nothing stored anywhere, no token-like value, and none of {@code markers} (passwords, journal text, …). */
    public void assertClean(String... markers) {
        String everything = String.join("\n", localStorage, sessionStorage, indexedDb, scriptCookies, url);
        assertThat(localStorage).as("localStorage").isEqualTo("[]");
        assertThat(sessionStorage).as("sessionStorage").isEqualTo("[]");
        assertThat(indexedDb).as("IndexedDB").isEqualTo("[]");
        assertThat(JWT.matcher(everything).find()).as("a token in storage, script cookies or the URL: %s", everything)
                .isFalse();
        for (String marker : markers) {
            assertThat(everything).as("browser storage, script cookies and URL").doesNotContain(marker);
        }
    }

    public List<String> httpOnlyCookieNames() {
        return httpOnlyCookieNames;
    }

    public String url() {
        return url;
    }
}
