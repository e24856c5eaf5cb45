// Lists follow continue tokens and join the pages, against a scripted transport.
#include <gtest/gtest.h>
#include <kraft/api/client.h>

#include <nlohmann/json.hpp>

#include "api/test_support/fake_transport.h"

namespace kraft::api {
namespace {

using nlohmann::json;
using testing::FakeTransport;

json page(std::vector<std::string> names, const std::string& rv, const std::string& next) {
  json items = json::array();
  for (const auto& n : names) items.push_back({{"metadata", {{"name", n}}}});
  json meta = {{"resourceVersion", rv}};
  if (!next.empty()) meta["continue"] = next;
  return {{"apiVersion", "v1"}, {"kind", "SecretList"}, {"metadata", meta}, {"items", items}};
}

class ListPaging : public ::testing::Test {
 protected:
  ListPaging() : client_(fake_, config()) {}
  static config::ClientConfig config() {
    config::ClientConfig c;
    c.server = "https://api";
    return c;
  }
  std::shared_ptr<FakeTransport> fake_ = std::make_shared<FakeTransport>();
  Client client_;
};

TEST_F(ListPaging, FollowsContinueTokensAndJoinsThePages) {
  fake_->then_json(200, page({"a", "b"}, "10", "tok/1"))
      .then_json(200, page({"c", "d"}, "12", "tok2"))
      .then_json(200, page({"e"}, "13", ""));
  ListOptions o;
  o.page_size = 2;
  o.label_selector = "app=web";
  json list = client_.list(resources::secrets(), "ns", o);
  ASSERT_EQ(list["items"].size(), 5u);
  EXPECT_EQ(list["items"][4]["metadata"]["name"], "e");
  EXPECT_EQ(list["kind"], "SecretList");
  EXPECT_EQ(list["metadata"]["resourceVersion"], "10");  // the snapshot of the first page
  EXPECT_FALSE(list["metadata"].contains("continue"));
  auto sent = fake_->requests();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent[0].url,
            "https://api/api/v1/namespaces/ns/secrets?labelSelector=app%3Dweb&limit=2");
  EXPECT_EQ(sent[1].url,
            "https://api/api/v1/namespaces/ns/secrets?labelSelector=app%3Dweb&limit=2"
            "&continue=tok%2F1");
}

TEST_F(ListPaging, AWrongGuessOfTheNextTokenCostsOneWastedRequestNotAWrongList) {
  // kube-apiserver writes a built-in List as kind, apiVersion, metadata, items: a "continue"
  // inside the last item is what a scan of the raw body finds first from the end.
  fake_->then(200, R"({"kind":"SecretList","apiVersion":"v1",)"
                   R"("metadata":{"resourceVersion":"5","continue":"real"},)"
                   R"("items":[{"metadata":{"name":"a","annotations":{"continue":"bogus"}}}]})")
      .then_json(400, testing::status_body(400, "BadRequest", "invalid continue token"))
      .then_json(200, page({"b"}, "5", ""));
  ListOptions o;
  o.page_size = 1;
  json list = client_.list(resources::secrets(), "ns", o);
  ASSERT_EQ(list["items"].size(), 2u);
  EXPECT_EQ(list["items"][1]["metadata"]["name"], "b");
  auto sent = fake_->requests();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_NE(sent[1].url.find("continue=bogus"), std::string::npos) << sent[1].url;
  EXPECT_NE(sent[2].url.find("continue=real"), std::string::npos) << sent[2].url;
}

TEST_F(ListPaging, ItemsGetTheirApiVersionAndKind) {
  fake_->then_json(200, page({"a"}, "1", ""));
  json list = client_.list(resources::secrets(), "ns");
  EXPECT_EQ(list["items"][0]["kind"], "Secret");
  EXPECT_EQ(list["items"][0]["apiVersion"], "v1");
}

TEST_F(ListPaging, AnExpiredContinueTokenStartsOverInOneRequest) {
  fake_->then_json(200, page({"a"}, "1", "old"))
      .then_json(410, testing::status_body(410, "Expired", "too old"))
      .then_json(200, page({"a", "b"}, "9", ""));
  ListOptions o;
  o.page_size = 1;
  json list = client_.list(resources::secrets(), "", o);
  EXPECT_EQ(list["items"].size(), 2u);
  EXPECT_EQ(list["metadata"]["resourceVersion"], "9");
  EXPECT_EQ(fake_->requests().back().url, "https://api/api/v1/secrets");
}

TEST_F(ListPaging, FieldSelectorsAreEscaped) {
  fake_->then_json(200, page({}, "1", ""));
  ListOptions o;
  o.field_selector = "metadata.name=a";
  o.page_size = 0;
  client_.list(resources::secrets(), "ns", o);
  EXPECT_EQ(fake_->requests().back().url,
            "https://api/api/v1/namespaces/ns/secrets?fieldSelector=metadata.name%3Da");
}

}  // namespace
}  // namespace kraft::api
