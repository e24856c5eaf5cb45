#include <gtest/gtest.h>

#include "schema/crd.h"

namespace kraft::testing {
namespace {

TEST(YamlToJson, TypesScalarsLikeYaml12CoreSchema) {
  auto j = yaml_to_json("a: 1\nb: true\nc: '1'\nd: 1.5\ne: null\nf: hello\ng: [x, 2]\n");
  EXPECT_EQ(j["a"], 1);
  EXPECT_EQ(j["b"], true);
  EXPECT_EQ(j["c"], "1");
  EXPECT_EQ(j["d"], 1.5);
  EXPECT_TRUE(j["e"].is_null());
  EXPECT_EQ(j["f"], "hello");
  EXPECT_EQ(j["g"], nlohmann::json::array({"x", 2}));
}

}  // namespace
}  // namespace kraft::testing
