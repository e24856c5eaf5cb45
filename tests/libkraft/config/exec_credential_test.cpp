// Exec credential plugins, run for real: small shell scripts in a temp dir.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <kraft/config/exec_credential.h>
#include <kraft/config/loading.h>
#include <kraft/core/error.h>
#include <poll.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>

#include "config/exec_credential_decode.h"
#include "config/subprocess.h"
#include "config/test_support/config_fixtures.h"

namespace kraft::config {
namespace {

using kraft::testing::TempDir;

constexpr const char* kV1 = "client.authentication.k8s.io/v1";
constexpr const char* kV1beta1 = "client.authentication.k8s.io/v1beta1";

std::string credential(const std::string& version, const std::string& status) {
  return R"({"apiVersion":")" + version + R"(","kind":"ExecCredential","status":)" + status + "}";
}

class ExecPlugin : public ::testing::Test {
 protected:
  // A plugin that counts its runs in a file and prints `output`.
  std::string plugin(const std::string& output, const std::string& extra = "") {
    return dir_.write_script("plugin.sh", "#!/bin/sh\necho run >> '" + dir_.path() + "/runs'\n" +
                                              extra + "cat <<'EOF'\n" + output + "\nEOF\n");
  }
  int runs() const {
    std::ifstream in(dir_.path() + "/runs");
    int n = 0;
    for (std::string line; std::getline(in, line);) ++n;
    return n;
  }
  std::string slurp(const std::string& name) const {
    std::ifstream in(dir_.path() + "/" + name);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  ExecConfig exec(const std::string& command, const std::string& version = kV1) const {
    ExecConfig e;
    e.api_version = version;
    e.command = command;
    e.interactive_mode = "Never";
    return e;
  }
  ClientConfig cluster() const {
    ClientConfig c;
    c.server = "https://api.example:6443";
    c.ca_pem = "CA PEM";
    c.tls_server_name = "api.internal";
    c.user_name = "cloud-user";
    return c;
  }
  std::string error_of(ExecCredentialProvider& p) {
    try {
      p.get();
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "(no error)";
  }
  TempDir dir_;
};

TEST_F(ExecPlugin, ReadsAV1Token) {
  ExecCredentialProvider p(exec(plugin(credential(kV1, R"({"token":"v1-token"})"))), cluster(),
                           false);
  const auto cred = p.get();
  EXPECT_EQ(cred.token.reveal(), "v1-token");
  EXPECT_FALSE(cred.expires.has_value());
}

TEST_F(ExecPlugin, ReadsAV1beta1ClientCertificate) {
  ExecCredentialProvider p(
      exec(plugin(credential(kV1beta1,
                             R"({"clientCertificateData":"CERT PEM","clientKeyData":"KEY PEM"})")),
           kV1beta1),
      cluster(), false);
  const auto cred = p.get();
  EXPECT_EQ(cred.client_cert_pem, "CERT PEM");
  EXPECT_EQ(cred.client_key_pem.reveal(), "KEY PEM");
}

TEST_F(ExecPlugin, CachesUntilExpirationTimestamp) {
  ExecCredentialProvider future(
      exec(
          plugin(credential(kV1, R"({"token":"t","expirationTimestamp":"2999-01-01T00:00:00Z"})"))),
      cluster(), false);
  future.get();
  future.get();
  EXPECT_EQ(runs(), 1);
  EXPECT_TRUE(future.get().expires.has_value());
}

TEST_F(ExecPlugin, RunsAgainWhenTheCredentialHasExpired) {
  ExecCredentialProvider past(
      exec(plugin(
          credential(kV1, R"({"token":"t","expirationTimestamp":"2001-02-03T04:05:06+01:00"})"))),
      cluster(), false);
  const auto cred = past.get();
  past.get();
  EXPECT_EQ(runs(), 2);
  EXPECT_EQ(std::chrono::system_clock::to_time_t(*cred.expires), 981169506);
}

TEST_F(ExecPlugin, RunsAgainAfterInvalidate) {
  ExecCredentialProvider p(exec(plugin(credential(kV1, R"({"token":"t"})"))), cluster(), false);
  p.get();
  p.get();
  p.invalidate();
  p.get();
  EXPECT_EQ(runs(), 2);
}

TEST_F(ExecPlugin, PassesArgsAndEnv) {
  auto e = exec(plugin(credential(kV1, R"({"token":"t"})"),
                       "echo \"$1|$2|$REGION|$ZONE\" > '" + dir_.path() + "/seen'\n"));
  e.args = {"get-token", "two words"};
  e.env = {{"REGION", "eu-1"}, {"ZONE", "b"}};
  ExecCredentialProvider p(e, cluster(), false);
  p.get();
  EXPECT_EQ(slurp("seen"), "get-token|two words|eu-1|b\n");
}

TEST_F(ExecPlugin, ExecInfoCarriesTheClusterWhenProvideClusterInfoIsSet) {
  auto e = exec(plugin(credential(kV1, R"({"token":"t"})"),
                       "printf '%s' \"$KUBERNETES_EXEC_INFO\" > '" + dir_.path() + "/info'\n"));
  e.provide_cluster_info = true;
  ExecCredentialProvider p(e, cluster(), false);
  p.get();
  const auto info = nlohmann::json::parse(slurp("info"));
  EXPECT_EQ(info["apiVersion"], kV1);
  EXPECT_EQ(info["kind"], "ExecCredential");
  EXPECT_EQ(info["spec"]["interactive"], false);
  EXPECT_EQ(info["spec"]["cluster"]["server"], "https://api.example:6443");
  EXPECT_EQ(info["spec"]["cluster"]["tls-server-name"], "api.internal");
  EXPECT_EQ(info["spec"]["cluster"]["certificate-authority-data"], kraft::testing::b64("CA PEM"));
}

TEST_F(ExecPlugin, ExecInfoOmitsTheClusterByDefault) {
  auto e = exec(plugin(credential(kV1, R"({"token":"t"})"),
                       "printf '%s' \"$KUBERNETES_EXEC_INFO\" > '" + dir_.path() + "/info'\n"));
  ExecCredentialProvider p(e, cluster(), true);
  p.get();
  const auto info = nlohmann::json::parse(slurp("info"));
  EXPECT_FALSE(info["spec"].contains("cluster"));
  // interactiveMode Never hides the terminal even when there is one.
  EXPECT_EQ(info["spec"]["interactive"], false);
}

TEST_F(ExecPlugin, AlwaysInteractiveWithoutATerminalIsAnError) {
  auto e = exec(plugin(credential(kV1, R"({"token":"t"})")));
  e.interactive_mode = "Always";
  ExecCredentialProvider p(e, cluster(), false);
  EXPECT_EQ(error_of(p), "exec plugin \"" + e.command +
                             "\" of user \"cloud-user\": needs an interactive terminal "
                             "(interactiveMode: Always) but stdin is not one");
  EXPECT_EQ(runs(), 0);
}

// The plugin that runs is the one found on PATH, not a second search's: here an earlier PATH
// entry holds a symlink loop, which the lookup skips but posix_spawnp's search stops at.
TEST_F(ExecPlugin, RunsTheCommandFoundOnPath) {
  const std::string bad = dir_.path() + "/bad";
  const std::string good = dir_.path() + "/good";
  dir_.write_script(
      "good/kraft-test-plugin",
      "#!/bin/sh\ncat <<'EOF'\n" + credential(kV1, R"({"token":"found"})") + "\nEOF\n");
  dir_.write("bad/placeholder", "");
  ASSERT_EQ(::symlink("kraft-test-plugin", (bad + "/kraft-test-plugin").c_str()), 0);
  kraft::testing::ScopedEnv path("PATH", bad + ":" + good + ":/usr/bin:/bin");
  ExecCredentialProvider p(exec("kraft-test-plugin"), cluster(), false);
  EXPECT_EQ(p.get().token.reveal(), "found");
}

TEST_F(ExecPlugin, AMissingCommandIsNamedWithItsInstallHint) {
  auto e = exec("kraft-no-such-plugin");
  e.install_hint = "Install it with:\n  apt install kraft-no-such-plugin\n";
  ExecCredentialProvider p(e, cluster(), false);
  EXPECT_EQ(error_of(p),
            "exec plugin \"kraft-no-such-plugin\" of user \"cloud-user\": command not found; "
            "Install it with: apt install kraft-no-such-plugin");
}

TEST_F(ExecPlugin, ANonExecutableCommandSaysWhy) {
  const std::string cmd = dir_.write("not-executable.sh", "#!/bin/sh\n");
  ExecCredentialProvider p(exec(cmd), cluster(), false);
  EXPECT_EQ(error_of(p),
            "exec plugin \"" + cmd + "\" of user \"cloud-user\": cannot run it: Permission denied");
}

TEST_F(ExecPlugin, AFailingCommandSummarisesItsStderr) {
  const std::string cmd = dir_.write_script(
      "fail.sh",
      "#!/bin/sh\necho 'error: login expired' >&2\necho '  run: cloud login' >&2\n"
      "exit 3\n");
  ExecCredentialProvider p(exec(cmd), cluster(), false);
  EXPECT_EQ(error_of(p), "exec plugin \"" + cmd +
                             "\" of user \"cloud-user\": exited with status 3: error: login "
                             "expired run: cloud login");
}

TEST_F(ExecPlugin, GarbageOutputIsAnErrorThatDoesNotQuoteIt) {
  ExecCredentialProvider p(exec(plugin("token=hunter2 {{{")), cluster(), false);
  const std::string err = error_of(p);
  EXPECT_EQ(err, "exec plugin \"" + dir_.path() +
                     "/plugin.sh\" of user \"cloud-user\": printed something that is not JSON");
  EXPECT_EQ(err.find("hunter2"), std::string::npos);
}

TEST_F(ExecPlugin, AnApiVersionMismatchIsAnError) {
  ExecCredentialProvider p(exec(plugin(credential(kV1beta1, R"({"token":"t"})"))), cluster(),
                           false);
  EXPECT_EQ(error_of(p), "exec plugin \"" + dir_.path() +
                             "/plugin.sh\" of user \"cloud-user\": returned apiVersion "
                             "\"client.authentication.k8s.io/v1beta1\" but the kubeconfig asks "
                             "for \"client.authentication.k8s.io/v1\"");
}

TEST_F(ExecPlugin, ACredentialWithoutTokenOrCertificateIsAnError) {
  ExecCredentialProvider p(exec(plugin(credential(kV1, R"({"clientKeyData":"k"})"))), cluster(),
                           false);
  EXPECT_EQ(error_of(p), "exec plugin \"" + dir_.path() +
                             "/plugin.sh\" of user \"cloud-user\": returned only one of "
                             "status.clientCertificateData and status.clientKeyData");
}

TEST_F(ExecPlugin, ResolvedFromAKubeconfigWithARelativeCommand) {
  dir_.write_script("bin/auth",
                    "#!/bin/sh\necho '" + credential(kV1beta1, R"({"token":"rel"})") + "'\n");
  const std::string kc = dir_.write(
      "config",
      "current-context: a\ncontexts: [{name: a, context: {cluster: c, user: u}}]\n"
      "clusters: [{name: c, cluster: {server: https://s}}]\n"
      "users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1beta1, "
      "command: ./bin/auth}}}]\n");
  LoadingRules rules;
  rules.explicit_path = kc;
  const auto cfg = load_client_config(rules, {});
  ASSERT_TRUE(cfg.exec.has_value());
  ExecCredentialProvider p(*cfg.exec, cfg, false);
  EXPECT_EQ(p.get().token.reveal(), "rel");
}

// issue 11: a plugin that hangs, floods or prints terminal escapes.

// Whether process `pid` ends within 10 s (a pidfd becomes readable when it exits), so a
// plugin's helper left running fails the test instead of being waited for by a sleep.
bool ends(pid_t pid) {
  const int fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (fd < 0) return errno == ESRCH;  // already gone
  pollfd p{fd, POLLIN, 0};
  const bool ended = ::poll(&p, 1, 10'000) == 1;
  ::close(fd);
  return ended;
}

TEST_F(ExecPlugin, AHangingPluginIsStoppedAtTheRequestTimeout) {
  // The plugin starts a helper that would outlive it; both must go.
  const std::string cmd = dir_.write_script(
      "hang.sh",
      "#!/bin/sh\necho 'waiting for \033]0;pwned\007 the network' >&2\nsleep 1000 &\n"
      "echo $! > '" +
          dir_.path() + "/helper'\nwait\n");
  ClientConfig c = cluster();
  c.request_timeout = std::chrono::milliseconds(300);
  ExecCredentialProvider p(exec(cmd), c, false);
  try {
    p.get();
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.exit_code(), ExitCode::kTimeout);
    EXPECT_EQ(std::string(e.what()),
              "exec plugin \"" + cmd +
                  "\" of user \"cloud-user\": did not finish within the request timeout of "
                  "300ms; it was stopped (it said: waiting for \\e]0;pwned\\x07 the network)");
  }
  const std::string helper = slurp("helper");
  ASSERT_FALSE(helper.empty());
  EXPECT_TRUE(ends(std::stoi(helper))) << "the plugin's helper still runs";
}

TEST_F(ExecPlugin, AnInteractivePluginIsStoppedAtTheRequestTimeoutToo) {
  const std::string cmd = dir_.write_script("prompt.sh", "#!/bin/sh\nexec sleep 1000\n");
  ExecConfig e = exec(cmd);
  e.interactive_mode = "IfAvailable";
  ClientConfig c = cluster();
  c.request_timeout = std::chrono::milliseconds(300);
  ExecCredentialProvider p(e, c, /*interactive=*/true);
  try {
    p.get();
    FAIL() << "no error";
  } catch (const ConfigError& err) {
    EXPECT_EQ(err.exit_code(), ExitCode::kTimeout);
    EXPECT_THAT(err.what(), ::testing::HasSubstr("did not finish within the request timeout"));
  }
}

TEST_F(ExecPlugin, AFloodOnStdoutIsStoppedAtOneMebibyte) {
  const std::string cmd =
      dir_.write_script("flood.sh", "#!/bin/sh\nexec yes '{\"kind\":\"ExecCredential\"}'\n");
  ExecCredentialProvider p(exec(cmd), cluster(), false);
  EXPECT_EQ(error_of(p), "exec plugin \"" + cmd +
                             "\" of user \"cloud-user\": printed more than 1 MiB on stdout, more "
                             "than any ExecCredential; it was stopped");
}

TEST_F(ExecPlugin, AFloodOnStderrIsReadButKeptShort) {
  const std::string cmd = dir_.write_script(
      "noisy.sh", "#!/bin/sh\nhead -c 3000000 /dev/zero | tr '\\0' 'e' >&2\nexit 1\n");
  ExecCredentialProvider p(exec(cmd), cluster(), false);
  const std::string message = error_of(p);
  EXPECT_THAT(message, ::testing::HasSubstr("exited with status 1: eeee"));
  EXPECT_LT(message.size(), 1000u);
}

TEST(Subprocess, KeepsTheFirst64KiBOfStderrAndCountsTheRest) {
  const auto run = detail::run_subprocess(
      "/bin/sh", {"-c", "head -c 100000 /dev/zero >&2; echo done"}, {}, false);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "done\n");
  EXPECT_EQ(run.err.size(), std::size_t{64} << 10);
  EXPECT_EQ(run.err_dropped, 100000u - (64u << 10));
  EXPECT_FALSE(run.timed_out);
}

TEST(Subprocess, WithoutATimeoutWaitsForThePlugin) {
  const auto run = detail::run_subprocess("/bin/sh", {"-c", "echo ok"}, {}, false, {});
  EXPECT_EQ(run.out, "ok\n");
  EXPECT_FALSE(run.timed_out);
}

TEST_F(ExecPlugin, MalformedJsonIsDescribedWithoutTheLibrarysWords) {
  ExecCredentialProvider p(exec(plugin("[1, 2")), cluster(), false);
  const std::string message = error_of(p);
  EXPECT_EQ(message, "exec plugin \"" + dir_.path() +
                         "/plugin.sh\" of user \"cloud-user\": printed something that is not JSON");
}

TEST_F(ExecPlugin, AStatusOfTheWrongShapeIsAClearError) {
  ExecCredentialProvider p(exec(plugin(R"({"kind":7,"apiVersion":[]})")), cluster(), false);
  EXPECT_THAT(error_of(p), ::testing::HasSubstr("printed JSON that is not an ExecCredential"));
}

TEST(ExecCredentialDecode, IsAPureFunctionOfThePluginsOutput) {
  const auto cred = detail::decode_exec_credential(
      credential(kV1, R"({"token":"t","expirationTimestamp":"2030-01-01T00:00:00Z"})"), kV1);
  EXPECT_EQ(cred.token.reveal(), "t");
  EXPECT_TRUE(cred.expires.has_value());
  EXPECT_THROW(detail::decode_exec_credential("\xff\xfe", kV1), ConfigError);
  EXPECT_THROW(detail::decode_exec_credential(credential(kV1, R"({"token":5})"), kV1), ConfigError);
  try {
    detail::decode_exec_credential(credential("v\\u001b[2J", R"({"token":"t"})"), kV1);
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("returned apiVersion \"v\\e[2J\""));
  }
}

}  // namespace
}  // namespace kraft::config
