package io.hvmigrate.sim.lab;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * pywinrm 0.3 (Debian's python3-winrm with requests-ntlm) run by {@code /usr/bin/python3} through the endpoint tests'
 * run_ps.py: NTLM, with pywinrm's default message encryption over HTTP, and validating the fleet CA over HTTPS.
 * Runs only with {@code -Dhvmigrate.peers=true} (.ci/run installs the packages). The password goes through the
 * environment, never the command line.
 */
final class Pywinrm implements WinRmPeer {
    private static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path script;
    private final Path opensslConfig;
    private final Path caFile;
    private final String user;
    private final String password;
    private final String messageEncryption;

    private Pywinrm(Path script, Path opensslConfig, Path caFile, String user, String password,
                    String messageEncryption) {
        this.script = script;
        this.opensslConfig = opensslConfig;
        this.caFile = caFile;
        this.user = user;
        this.password = password;
        this.messageEncryption = messageEncryption;
    }

    /** A client logging on as {@code user}; skips the calling test unless peer tests are enabled. */
    static Pywinrm forFleet(SimFleet sim, LabFiles.Written files, String user) throws IOException {
        assumeTrue(Boolean.getBoolean("hvmigrate.peers"), "pywinrm peer tests run with -Dhvmigrate.peers=true");
        Path dir = files.directory();
        return new Pywinrm(copy("run_ps.py", dir), copy("openssl-legacy.cnf", dir), files.caFile(), user,
                sim.password(), null);
    }

    /** The same client with pywinrm's message_encryption setting ({@code auto} by default, {@code never}, ...). */
    Pywinrm withMessageEncryption(String setting) {
        return new Pywinrm(script, opensslConfig, caFile, user, password, setting);
    }

    @Override
    public PsResult runPs(SimFleet.Endpoint host, String psScript) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(PYTHON, script.toString(), host.uri().toString(), "ntlm", user,
                psScript);
        builder.environment().put("HVSIM_PASSWORD", password);
        builder.environment().put("HVSIM_CA_FILE", caFile.toString());
        builder.environment().put("OPENSSL_CONF", opensslConfig.toString());
        if (messageEncryption != null) {
            builder.environment().put("HVSIM_MESSAGE_ENCRYPTION", messageEncryption);
        }
        for (String proxy : new String[] {"HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"}) {
            builder.environment().remove(proxy);
        }
        Process process = builder.start();
        Thread stderr = Thread.ofVirtual().start(() -> drain(process.getErrorStream()));
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("pywinrm did not finish within 60 s");
        }
        stderr.join();
        String text = new String(out, StandardCharsets.UTF_8).trim();
        if (!text.startsWith("{")) {
            throw new AssertionError("pywinrm printed no JSON result (exit " + process.exitValue() + "): " + text);
        }
        JsonNode r = JSON.readTree(text);
        if (!r.path("ok").asBoolean()) {
            throw new AssertionError("pywinrm failed: " + r.path("error").asText() + ": " + r.path("message").asText());
        }
        // run_ps already turned the CLIXML error stream into text, as pywinrm does for its callers
        return new PsResult(r.get("status").asInt(), r.get("stdout").asText(), r.get("stderr").asText());
    }

    @Override
    public String name() {
        return "pywinrm";
    }

    private static void drain(InputStream in) {
        try {
            System.err.write(in.readAllBytes());
        } catch (IOException ignored) {
            // diagnostics only
        }
    }

    private static Path copy(String resource, Path dir) throws IOException {
        Path target = dir.resolve(resource);
        if (!Files.exists(target)) {
            try (InputStream in = Pywinrm.class.getResourceAsStream("/pywinrm/" + resource)) {
                Files.copy(in, target);
            }
        }
        return target;
    }
}
