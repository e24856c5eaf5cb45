// The next page is requested while the current one is parsed, from a token guessed in the raw
// body. A wrong guess (a "continue" string inside an item) must cost a wasted request at most,
// never a wrong list.
#include <gtest/gtest.h>
#include <kraft/api/client.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/test_support/server_client.h"
#include "test_apiserver.h"

namespace kraft::api {
namespace {

using nlohmann::json;
using testing::admin_config;
using testing::namespace_object;
using testing::secret;

TEST(ListPrefetch, ItemsThatLookLikeContinueTokensDoNotMisleadThePager) {
  kraft::testing::TestApiServer server;
  Client client = Client::connect(admin_config(server));
  client.create(resources::namespaces(), "", namespace_object("team"));
  std::vector<std::string> names;
  for (int i = 0; i < 7; ++i) {
    json s = secret("s" + std::to_string(i));
    // Both places a scan of the raw body could mistake for the List's continue token.
    s["metadata"]["annotations"] = {{"continue", "bogus-" + std::to_string(i)}};
    s["stringData"] = {{"continue", "also-bogus"}};
    client.create(resources::secrets(), "team", s);
    names.push_back(s["metadata"]["name"]);
  }
  for (int page_size : {1, 2, 3, 500}) {
    ListOptions o;
    o.page_size = page_size;
    json list = client.list(resources::secrets(), "team", o);
    std::vector<std::string> got;
    for (const auto& item : list["items"]) got.push_back(item["metadata"]["name"]);
    EXPECT_EQ(got, names) << "page size " << page_size;
    EXPECT_FALSE(list["metadata"].contains("continue"));
  }
}

}  // namespace
}  // namespace kraft::api
