// Secrets stay secret: a known token, password and key fed through parsing, writing and every
// error path never appear in an error message (they do appear in to_yaml, which is the file).
#include <gtest/gtest.h>
#include <kraft/config/loading.h>
#include <kraft/core/error.h>

#include <functional>
#include <sstream>

#include "config/test_support/config_fixtures.h"

namespace kraft::config {
namespace {

using kraft::testing::b64;

const std::string kToken = "tok-SENTINEL-7f3a";
const std::string kPassword = "pw-SENTINEL-91bc";
const std::string kKey =
    "-----BEGIN PRIVATE KEY-----\nkey-SENTINEL-55d0\n-----END PRIVATE KEY-----\n";

bool leaks(const std::string& text) {
  return text.find("SENTINEL") != std::string::npos || text.find(b64(kKey)) != std::string::npos;
}

std::string kubeconfig(const std::string& user_extra) {
  return "current-context: a\ncontexts: [{name: a, context: {cluster: c, user: u}}]\n"
         "clusters: [{name: c, cluster: {server: https://s}}]\n"
         "users:\n- name: u\n  user:\n    token: " +
         kToken + "\n    password: " + kPassword + "\n    client-key-data: " + b64(kKey) + "\n" +
         user_extra;
}

std::string message_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(SecretsStaySecret, SecretsSurviveTheRoundTripButNotTheRawJson) {
  const auto c = parse_kubeconfig(kubeconfig(""), "/k/config");
  EXPECT_FALSE(leaks(c.users[0].raw.dump()));
  EXPECT_FALSE(leaks(c.extra.dump()));
  const auto again = parse_kubeconfig(to_yaml(c), "/k/config");
  EXPECT_EQ(again.users[0].value.token.reveal(), kToken);
  EXPECT_EQ(again.users[0].value.password.reveal(), kPassword);
  EXPECT_EQ(again.users[0].value.client_key_data.reveal(), kKey);
  std::ostringstream printed;
  printed << again.users[0].value.token << again.users[0].value.password;
  EXPECT_FALSE(leaks(printed.str()));
}

TEST(SecretsStaySecret, NoErrorMessageShowsThem) {
  const std::vector<std::function<void()>> failures = {
      // token + basic auth conflict; client key without certificate
      [] { resolve(parse_kubeconfig(kubeconfig(""), "/k/config"), {}); },
      // a bad base64 value next to the secrets
      [] { parse_kubeconfig(kubeconfig("    client-certificate-data: '" + kToken + "'\n"), "/k"); },
      // a token where a list is expected
      [] { parse_kubeconfig("users: " + kToken + "\n", "/k"); },
      // a secret as a context name that does not exist
      [] {
        Overrides o;
        o.context = "ctx";
        resolve(parse_kubeconfig(kubeconfig(""), "/k/config"), o);
      },
      // malformed YAML right after a secret
      [] { parse_kubeconfig(kubeconfig("    username: [" + kToken + "\n"), "/k"); },
      // a bad bool right after the secrets
      [] {
        parse_kubeconfig(kubeconfig("    exec: {provideClusterInfo: " + kPassword + "}\n"), "/k");
      },
  };
  for (size_t i = 0; i < failures.size(); ++i) {
    const std::string message = message_of(failures[i]);
    EXPECT_FALSE(message.empty()) << "case " << i;
    EXPECT_FALSE(leaks(message)) << "case " << i << ": " << message;
  }
}

}  // namespace
}  // namespace kraft::config
