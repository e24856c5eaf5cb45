// json_view: reading half-filled API objects never throws; what is missing or of another type
// reads as empty.
#include <gtest/gtest.h>
#include <kraft/api/json_view.h>

#include <nlohmann/json.hpp>

namespace kraft::api {
namespace {

using nlohmann::json;

const json kService = json::parse(R"({
  "metadata": {"name": "k3k-a-service", "labels": {"app": "k3k"},
               "deletionTimestamp": "2024-01-01T00:00:00Z"},
  "spec": {"ports": [{"port": 443, "nodePort": "not a number"}, {"port": 6443}]}
})");

TEST(JsonView, ReadsWhatIsThere) {
  const json* ports = child(child(&kService, "spec"), "ports");
  EXPECT_EQ(int_at(element(ports, 1), "port"), 6443);
  EXPECT_EQ(metadata_string(kService, "name"), "k3k-a-service");
  EXPECT_EQ(string_at(kService["metadata"], "name"), "k3k-a-service");
  EXPECT_EQ(label_at(kService, "app"), "k3k");
  EXPECT_TRUE(is_terminating(kService));
}

TEST(JsonView, MissingOrMistypedValuesReadAsEmpty) {
  const json* ports = child(child(&kService, "spec"), "ports");
  EXPECT_EQ(element(ports, 2), nullptr);
  EXPECT_EQ(element(child(&kService, "spec"), 0), nullptr);  // an object, not an array
  EXPECT_EQ(child(ports, "port"), nullptr);                  // an array, not an object
  EXPECT_EQ(child(nullptr, "spec"), nullptr);
  EXPECT_EQ(int_at(element(ports, 0), "nodePort"), std::nullopt);
  EXPECT_EQ(int_at(element(ports, 0), "targetPort"), std::nullopt);
  EXPECT_EQ(string_at(element(ports, 0), "port"), "");
  EXPECT_EQ(label_at(kService, "tier"), "");
  EXPECT_EQ(metadata_string(json::array(), "name"), "");
  EXPECT_FALSE(is_terminating(json::object()));
}

}  // namespace
}  // namespace kraft::api
