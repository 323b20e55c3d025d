import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * The bcrypt limit of this machine: how many password verifications per second {@code threads} threads
 * manage at {@code cost}, with the library auth-service uses (Quarkus' BcryptUtil, on its class path).
 * A login verifies one bcrypt hash, so this is the ceiling of login throughput. No JMH: a warm-up, then
 * a timed loop.
 *
 * <pre>java -cp "auth-service/target/quarkus-app/lib/main/*" bench/bcrypt/BcryptLimit.java 10 2 15</pre>
 *
 * Prints one JSON line: {"cost":10,"threads":2,"seconds":15.0,"verifications":1234,"perSecond":82.3}.
 */
public class BcryptLimit {

    public static void main(String[] args) throws InterruptedException {
        int cost = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        double seconds = Double.parseDouble(args[2]);
        // auth-service hashes a 44-character Base64 HMAC of the password, so verify input of that length
        String password = "bench-password-prehash-44-chars-long-xxxxxx=";
        String hash = BcryptUtil.bcryptHash(password, cost);

        run(password, hash, threads, Math.max(1, seconds / 5)); // warm-up: JIT and CPU frequency
        LongAdder verifications = run(password, hash, threads, seconds);
        System.out.printf("{\"cost\":%d,\"threads\":%d,\"seconds\":%.1f,\"verifications\":%d,\"perSecond\":%.1f}%n",
                cost, threads, seconds, verifications.sum(), verifications.sum() / seconds);
    }

    private static LongAdder run(String password, String hash, int threads, double seconds) throws InterruptedException {
        LongAdder verifications = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch finished = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(() -> {
                while (running.get()) {
                    if (!BcryptUtil.matches(password, hash)) {
                        throw new IllegalStateException("bcrypt did not verify its own hash");
                    }
                    verifications.increment();
                }
                finished.countDown();
            });
            worker.setDaemon(true);
            worker.start();
        }
        Thread.sleep((long) (seconds * 1000));
        running.set(false);
        finished.await();
        return verifications;
    }
}
