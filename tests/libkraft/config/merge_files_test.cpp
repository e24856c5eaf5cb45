// merge_kubeconfig_files on real files, and the parse of the target made ahead of its lock that
// it hands to the update (prepare_kubeconfig_file, libkraft's own).
#include <gtest/gtest.h>
#include <kraft/config/kubeconfig_edit.h>
#include <kraft/config/kubeconfig_file.h>
#include <sys/stat.h>

#include <string>
#include <utility>
#include <vector>

#include "config/kubeconfig_update.h"
#include "config/test_support/config_fixtures.h"
#include "config/test_support/kubeconfig_samples.h"

namespace kraft::config {
namespace {

using kraft::testing::add_context;
using kraft::testing::bytes_of;
using kraft::testing::entries_of;
using kraft::testing::kOneContextConfig;
using kraft::testing::message_of;
using kraft::testing::names;
using kraft::testing::TempDir;

// Context, cluster and user NAME on server https://NAME (unless `server` is given).
std::string one_entry_file(const std::string& name, const std::string& server = "") {
  const std::string url = server.empty() ? "https://" + name : server;
  return "clusters:\n- {name: " + name + ", cluster: {server: " + url +
         "}}\nusers:\n- {name: " + name + ", user: {token: " + name +
         "-token}}\ncontexts:\n- {name: " + name + ", context: {cluster: " + name +
         ", user: " + name + "}}\ncurrent-context: " + name + "\n";
}

TEST(MergeKubeconfigFiles, InputsAreMergedInOrderIntoTheFile) {
  TempDir dir;
  const std::string path = dir.write("config", kOneContextConfig);
  const std::vector<std::string> inputs = {dir.write("b.yaml", one_entry_file("b")),
                                           dir.write("c.yaml", one_entry_file("c")),
                                           dir.write("a.yaml", kOneContextConfig)};
  const MergeReport report = merge_kubeconfig_files(path, inputs);
  EXPECT_EQ(report.added_contexts, (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(report.added_clusters, (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(report.added_users, (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(report.unchanged, 2);  // a.yaml's cluster and context
  EXPECT_EQ(report.incoming_current_context, "b");

  const Kubeconfig merged = load_kubeconfig_file(path);
  EXPECT_EQ(names(merged.contexts), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(merged.current_context, "a");
  EXPECT_EQ(entries_of(dir.path()),
            (std::vector<std::string>{"a.yaml", "b.yaml", "c.yaml", "config"}));
}

TEST(MergeKubeconfigFiles, AMissingFileIsCreatedAndTakesTheFirstCurrentContext) {
  TempDir dir;
  const std::string path = dir.path() + "/new/config";
  const MergeReport report = merge_kubeconfig_files(
      path, {dir.write("b.yaml", one_entry_file("b")), dir.write("c.yaml", one_entry_file("c"))});
  EXPECT_EQ(report.added_contexts, (std::vector<std::string>{"b", "c"}));
  const Kubeconfig merged = load_kubeconfig_file(path);
  EXPECT_EQ(merged.current_context, "b");
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
}

TEST(MergeKubeconfigFiles, EveryInputsCollisionsAreListedAndNothingIsWritten) {
  TempDir dir;
  const std::string target = one_entry_file("x");
  const std::string path = dir.write("config", target);
  const std::string first = dir.write("first.yaml", one_entry_file("x", "https://first"));
  const std::string second = dir.write("second.yaml", one_entry_file("x", "https://second"));
  try {
    merge_kubeconfig_files(path, {first, second});
    FAIL() << "no MergeConflictError";
  } catch (const MergeConflictError& e) {
    ASSERT_EQ(e.collisions().size(), 2u);
    EXPECT_EQ(e.collisions()[0].incoming_source, first);
    EXPECT_EQ(e.collisions()[1].incoming_source, second);
  }
  EXPECT_EQ(bytes_of(path), target);
  EXPECT_EQ(entries_of(dir.path()),
            (std::vector<std::string>{"config", "first.yaml", "second.yaml"}));
}

TEST(MergeKubeconfigFiles, ABrokenInputIsRefusedBeforeTheFileIsLocked) {
  TempDir dir;
  const std::string path = dir.write("config", kOneContextConfig);
  const std::string broken = dir.write("broken.yaml", "clusters: [");
  const std::string message = message_of([&] {
    merge_kubeconfig_files(path, {dir.write("b.yaml", one_entry_file("b")), broken});
  });
  EXPECT_NE(message.find(broken), std::string::npos) << message;
  EXPECT_EQ(bytes_of(path), kOneContextConfig);
  EXPECT_EQ(entries_of(dir.path()), (std::vector<std::string>{"b.yaml", "broken.yaml", "config"}));
  EXPECT_NE(message_of([&] {
              merge_kubeconfig_files(path, {dir.path() + "/missing.yaml"});
            }).find("missing.yaml"),
            std::string::npos);
}

TEST(UpdateKubeconfigFile, PreparedParseIsUsedOnlyForTheBytesItWasMadeFrom) {
  TempDir dir;
  const std::string path = dir.write("config", kOneContextConfig);
  auto prepared = detail::prepare_kubeconfig_file(path);
  ASSERT_TRUE(prepared);
  EXPECT_EQ(prepared->bytes, kOneContextConfig);
  ASSERT_NE(prepared->config.find_context("a"), nullptr);
  detail::UpdateExtras extras;
  extras.prepared = &*prepared;

  // Changed after it was prepared: the file as it is now is what gets edited.
  std::string changed = kOneContextConfig;
  changed.replace(changed.find("https://a"), 9, "https://changed");
  dir.write("config", changed);
  detail::update_kubeconfig_file(
      path, [](Kubeconfig& c) { add_context(c, "new"); }, {}, extras);
  Kubeconfig now = load_kubeconfig_file(path);
  EXPECT_EQ(now.find_cluster("a")->value.server, "https://changed");
  EXPECT_NE(now.find_context("new"), nullptr);

  // Unchanged: used, and used up.
  prepared = detail::prepare_kubeconfig_file(path);
  ASSERT_TRUE(prepared);
  extras.prepared = &*prepared;
  detail::update_kubeconfig_file(
      path, [](Kubeconfig& c) { add_context(c, "newer"); }, {}, extras);
  EXPECT_TRUE(prepared->path.empty());
  now = load_kubeconfig_file(path);
  EXPECT_EQ(now.find_cluster("a")->value.server, "https://changed");
  EXPECT_NE(now.find_context("new"), nullptr);
  EXPECT_NE(now.find_context("newer"), nullptr);
  detail::update_kubeconfig_file(
      path, [](Kubeconfig& c) { add_context(c, "newest"); }, {}, extras);
  EXPECT_EQ(load_kubeconfig_file(path).contexts.size(), 4u);
}

TEST(UpdateKubeconfigFile, OnlyARegularFileThatParsesIsPrepared) {
  TempDir dir;
  EXPECT_FALSE(detail::prepare_kubeconfig_file(dir.path() + "/missing"));
  EXPECT_FALSE(detail::prepare_kubeconfig_file(dir.path()));
  EXPECT_FALSE(detail::prepare_kubeconfig_file(dir.write("broken", "clusters: [")));
  const std::string fifo = dir.path() + "/fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_FALSE(detail::prepare_kubeconfig_file(fifo));
  const auto empty = detail::prepare_kubeconfig_file(dir.write("empty", ""));
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->config.contexts.empty());
}

}  // namespace
}  // namespace kraft::config
