// cli/error_hints: the flags kraft adds to libkraft's messages, which speak of the SDK's
// terms only. Each typed error or request field maps to the flag a user types.
#include "error_hints.h"

#include <gtest/gtest.h>
#include <kraft/config/errors.h>
#include <kraft/config/kubeconfig_edit.h>
#include <kraft/core/error.h>
#include <kraft/core/executor.h>
#include <kraft/k3k/errors.h>

#include <exception>
#include <string>

namespace kraft::cli {
namespace {

TEST(ErrorHints, ValidationFieldsBecomeTheirFlagsInOrder) {
  EXPECT_EQ(error_text(ValidationError("the host must be a DNS name", {}, {"host", "expose"})),
            "the host must be a DNS name (--host, --expose)");
  EXPECT_EQ(error_text(ValidationError("x", {}, {"ns"})), "x (-n)");
  EXPECT_EQ(error_text(ValidationError("x", {}, {"servers", "agents"})), "x (--servers, --agents)");
  EXPECT_EQ(error_text(ValidationError("x", {}, {"tls_sans", "ingress_class", "server_host"})),
            "x (--tls-san, --ingress-class, --server-host)");
  EXPECT_EQ(error_text(ValidationError("x", {}, {"policy", "ns"})), "x (--policy, -n)");
}

TEST(ErrorHints, FieldsWithoutAFlagAndPlainErrorsAreLeftAlone) {
  EXPECT_EQ(error_text(ValidationError("bad name")), "bad name");
  EXPECT_EQ(error_text(ValidationError("x", {}, {"name"})), "x");
  EXPECT_EQ(error_text(ValidationError("x", {}, {"name", "host"})), "x (--host)");
  EXPECT_EQ(error_text(ConfigError("bad kubeconfig")), "bad kubeconfig");
  EXPECT_EQ(error_text(std::runtime_error("boom")), "boom");
}

TEST(ErrorHints, KubeconfigErrorsPointAtTheConnectionFlags) {
  EXPECT_EQ(error_text(config::NotConfiguredError("...; set KUBECONFIG or name a kubeconfig file")),
            "...; set KUBECONFIG or name a kubeconfig file (--kubeconfig)");
  EXPECT_EQ(error_text(config::NoContextError("no context selected")),
            "no context selected; choose one with --context");
  EXPECT_EQ(error_text(config::EntryNotFoundError("user \"alce\" not found", "user", "alce", true)),
            "user \"alce\" not found (from --user)");
  EXPECT_EQ(error_text(config::EntryNotFoundError("cluster \"c\" not found", "cluster", "c", true)),
            "cluster \"c\" not found (from --cluster)");
  // Named by the kubeconfig itself, not by a flag: nothing to add.
  EXPECT_EQ(
      error_text(config::EntryNotFoundError("context \"x\" not found", "context", "x", false)),
      "context \"x\" not found");
  EXPECT_EQ(error_text(config::MergeConflictError({{"context", "dev", "a.yaml"}}, "/k/config")),
            "1 name already exists with different content in /k/config: context \"dev\" (from "
            "a.yaml); rename or overwrite them, or merge under a prefix (--on-conflict "
            "rename|overwrite or --prefix)");
}

TEST(ErrorHints, K3kErrorsPointAtTheCreateFlags) {
  EXPECT_EQ(error_text(k3k::NamespaceTerminatingError("choose another namespace")),
            "choose another namespace (-n)");
  EXPECT_EQ(error_text(k3k::HostInUseError("choose another host name", "h", {})),
            "choose another host name (--host)");
  EXPECT_EQ(error_text(k3k::NotInstalledError("Traefik", "or expose the cluster another way")),
            "or expose the cluster another way (--expose)");
  EXPECT_EQ(error_text(k3k::NotInstalledError("K3k", "K3k is not installed")),
            "K3k is not installed");
}

TEST(ErrorHints, ABatchFailureGetsTheHintOfItsException) {
  const Failure failure =
      describe_exception(std::make_exception_ptr(ValidationError("x", {}, {"host"})));
  EXPECT_EQ(error_text(failure), "x (--host)");
  EXPECT_EQ(error_text(Failure{"no exception kept", ExitCode::kError, nullptr}),
            "no exception kept");
}

}  // namespace
}  // namespace kraft::cli
