package io.therapyms.platform.export;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.therapyms.platform.dynamo.Page;
import io.therapyms.platform.dynamo.PageRequest;
import io.therapyms.platform.errors.ForbiddenException;
import io.therapyms.platform.security.Caller;
import io.therapyms.platform.security.Role;

/**
 * What every service's part of a client's export ({@code GET /internal/export/clients/{clientId}}) shares: the
 * same rule as the public export (the client themself or an admin, from the forwarded token) and reading a whole
 * Query range page by page.
 */
public final class ExportParts {

    /** The path every service serves its part under; the gateway routes only /api/**, so it is never public. */
    public static final String PATH = "/internal/export/clients/{clientId}";

    private ExportParts() {
    }

    /**
     * The client (with the client role) or an admin; anyone else is 403. The caller is always related here: the
     * public export has already refused strangers, and a direct call to a service port is not a lookup of
     * whether someone exists.
     */
    public static void requireClientOrAdmin(Caller caller, String clientId) {
        if (caller.isAdmin() || (caller.is(Role.CLIENT) && caller.isUser(clientId))) {
            return;
        }
        throw new ForbiddenException("Only the client themself or an admin may export a client's data.");
    }

    /** Every item of a paged listing: follows the cursors to the end, at the largest page size. */
    public static <T> List<T> all(Function<PageRequest, Page<T>> pages) {
        List<T> items = new ArrayList<>();
        String cursor = null;
        do {
            Page<T> page = pages.apply(PageRequest.of(PageRequest.MAX_LIMIT, cursor));
            items.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return items;
    }
}
