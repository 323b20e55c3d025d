package io.therapyms.clients.export;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the other services' export parts are, and how long the whole fetch may take (README "Export"). */
@ConfigMapping(prefix = "tms.export")
public interface ExportConfig {

    Services services();

    @WithDefault("20s")
    Duration timeout();

    /** Base URLs (or comma-separated lists; the first is asked) of the services holding a part. */
    interface Services {
        String account();

        String therapists();

        String scheduling();

        String journal();

        String messaging();
    }
}
