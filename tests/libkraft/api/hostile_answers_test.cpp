// Answers a broken or hostile server may send with status 200: not JSON, JSON of the wrong
// shape, fields of the wrong type, escapes in Warning headers. Each is one clear kraft error
// naming the request and the server, never nlohmann's "[json.exception...]" text.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <kraft/api/client.h>

#include <nlohmann/json.hpp>

#include "api/test_support/fake_transport.h"

namespace kraft::api {
namespace {

using nlohmann::json;
using testing::FakeTransport;
using ::testing::HasSubstr;
using ::testing::Not;

class HostileAnswers : public ::testing::Test {
 protected:
  HostileAnswers() {
    config::ClientConfig c;
    c.server = "https://10.0.0.1:6443";
    client_ = std::make_unique<Client>(fake_, c);
  }
  template <typename Call>
  std::string error_of(Call&& call) {
    try {
      call();
    } catch (const Error& e) {
      return e.what();
    } catch (const std::exception& e) {
      return std::string("not a kraft::Error: ") + e.what();
    }
    return "(no error)";
  }

  std::shared_ptr<FakeTransport> fake_ = std::make_shared<FakeTransport>();
  std::unique_ptr<Client> client_;
};

TEST_F(HostileAnswers, ABodyThatIsNotJsonNamesTheRequestAndTheServer) {
  fake_->then(200, "<html>\x1b]0;pwned\x07 token=s3cr3t</html>", {{"Content-Type", "text/html"}});
  const std::string message = error_of([&] { client_->get(resources::namespaces(), "", "demo"); });
  EXPECT_EQ(message,
            "the answer to get namespaces demo from https://10.0.0.1:6443 is not valid JSON: "
            "parse error at line 1, column 1: syntax error while parsing value - invalid "
            "literal");
  EXPECT_THAT(message, Not(HasSubstr("s3cr3t")));
}

TEST_F(HostileAnswers, AnAnswerThatIsNotAnObjectIsRefused) {
  fake_->then_json(200, json::array({1, 2}));
  EXPECT_EQ(error_of([&] { client_->server_version(); }),
            "the answer to get server version from https://10.0.0.1:6443 is not a JSON object "
            "but an array");
}

TEST_F(HostileAnswers, FieldsOfTheWrongTypeInAListAreNotALibraryError) {
  fake_->then_json(200, {{"kind", 5},
                         {"apiVersion", json::array()},
                         {"metadata", {{"continue", 7}, {"resourceVersion", 3}}},
                         {"items", json::array({{{"metadata", {{"name", "a"}}}}})}});
  json list;
  EXPECT_EQ(error_of([&] { list = client_->list(resources::namespaces(), ""); }), "(no error)");
  EXPECT_EQ(list["items"].size(), 1u);
}

TEST_F(HostileAnswers, AVersionOfTheWrongTypeReadsAsEmpty) {
  fake_->then_json(200, {{"gitVersion", 1}, {"platform", json::object()}});
  EXPECT_EQ(client_->server_version().git_version, "");
}

TEST_F(HostileAnswers, AWatchLineThatIsNotJsonIsAClearError) {
  http::Response head;
  testing::ScriptedAnswer a;
  a.response.status = 200;
  a.chunks = {"{\"type\":\x1b[2J\n"};
  fake_->then(a);
  WatchOptions o;
  o.resource_version = "1";
  const std::string message = error_of([&] {
    client_->watch(resources::namespaces(), "", o, [](const WatchEvent&) { return true; });
  });
  EXPECT_THAT(message, HasSubstr("the answer to watch namespaces from https://10.0.0.1:6443 is "
                                 "not valid JSON: parse error at line 1, column 9"));
  EXPECT_THAT(message, Not(HasSubstr("json.exception")));
  EXPECT_THAT(message, Not(HasSubstr("\x1b")));
}

TEST_F(HostileAnswers, WarningsReachTheHandlerAsOneSafeLine) {
  fake_->then_json(200, json::object(),
                   {{"Warning", "299 - \"deprecated\x1b]0;pwned\x07\nsecond line\""}});
  std::vector<std::string> warnings;
  client_->on_warning([&](const std::string& w) { warnings.push_back(w); });
  client_->server_version();
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], "deprecated\\e]0;pwned\\x07\\nsecond line");
}

}  // namespace
}  // namespace kraft::api
