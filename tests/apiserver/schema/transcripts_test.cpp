// Replays the custom-resource writes recorded from a real kube-apiserver v1.26 through
// prune -> default -> validate and compares with what it answered: every 422 cause (reason,
// message, field) and the Status message, the spec/status of every 2xx answer, and the
// unknown-field warnings.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "schema/crd.h"

namespace kraft::testing {
namespace {

using nlohmann::json;

json read_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  return json::parse(in);
}

// RFC 7386 JSON merge patch.
void merge_patch(json& target, const json& patch) {
  if (!patch.is_object()) {
    target = patch;
    return;
  }
  if (!target.is_object()) target = json::object();
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    if (it->is_null()) {
      target.erase(it.key());
    } else {
      merge_patch(target[it.key()], *it);
    }
  }
}

struct Replayed {
  int causes_checked = 0;
  int bodies_checked = 0;
  int warnings_checked = 0;
};

class TranscriptReplay {
 public:
  TranscriptReplay() {
    for (const char* file :
         {"/k3k/crds/k3k.io_clusters.yaml", "/k3k/crds/k3k.io_virtualclusterpolicies.yaml"}) {
      Crd crd = load_crd_file(std::string(KRAFT_THIRD_PARTY_DIR) + file);
      crds_.emplace(crd.plural, std::move(crd));
    }
  }

  void replay(const std::filesystem::path& file, Replayed& counts) {
    const json transcript = read_json(file);
    std::map<std::string, json> stored;  // name -> last object the server showed
    for (const auto& step : transcript["steps"]) {
      const auto& req = step["request"];
      const auto& resp = step["response"];
      const std::string where = file.filename().string() + " " + req["method"].get<std::string>() +
                                " " + req["path"].get<std::string>();
      remember(resp["body"], stored);
      const std::string path = req["path"];
      const auto at = path.find("/apis/k3k.io/v1beta1/");
      if (at == std::string::npos) continue;
      const std::string method = req["method"];
      if (method != "POST" && method != "PUT" && method != "PATCH") continue;
      const std::string content_type = req["headers"].value("Content-Type", "");
      if (content_type != "application/json" && content_type != "application/merge-patch+json") {
        continue;
      }
      const int status = resp["status"];
      const bool answered_object = (status == 200 || status == 201) && resp["body"].is_object() &&
                                   resp["body"].contains("spec");
      const bool schema_422 = status == 422 && resp["body"]["details"].value("kind", "") != "" &&
                              std::isupper(static_cast<unsigned char>(
                                  resp["body"]["details"]["kind"].get<std::string>()[0])) &&
                              resp["body"]["details"]["causes"][0]["field"] != "kind";
      if (!answered_object && !schema_422) continue;
      if (method == "PATCH" && content_type != "application/merge-patch+json") continue;
      SCOPED_TRACE(where);

      // /apis/k3k.io/v1beta1/[namespaces/NS/]PLURAL[/NAME[/status]]
      std::vector<std::string> parts;
      std::string rest = path.substr(at + std::string("/apis/k3k.io/v1beta1/").size());
      for (size_t pos = 0; pos <= rest.size();) {
        size_t slash = rest.find('/', pos);
        if (slash == std::string::npos) slash = rest.size();
        parts.push_back(rest.substr(pos, slash - pos));
        pos = slash + 1;
      }
      if (parts[0] == "namespaces") parts.erase(parts.begin(), parts.begin() + 2);
      if (parts.size() > 2) continue;  // subresources are the server's business
      const Crd& crd = crds_.at(parts[0]);
      const Schema& schema = *crd.versions[0].schema;

      const json* old = nullptr;
      json object;
      if (method == "POST") {
        object = req["body"];
      } else {
        old = &stored.at(parts[1]);
        object = method == "PUT" ? req["body"] : *old;
        if (method == "PATCH") merge_patch(object, req["body"]);
      }
      const auto unknown = schema.prune(object);
      schema.apply_defaults(object);
      // Status subresource: the main resource ignores status (reset on create, kept on update);
      // the stored object is read back through defaulting.
      if (old == nullptr) {
        object.erase("status");
      } else if (old->contains("status")) {
        object["status"] = (*old)["status"];
      } else {
        object.erase("status");
      }
      schema.apply_defaults(object);

      const std::string query_validation = req["query"].value("fieldValidation", "");
      if (query_validation != "Ignore") {
        std::vector<std::string> expected_warnings;
        if (resp["headers"].contains("Warning")) {
          expected_warnings = resp["headers"]["Warning"].get<std::vector<std::string>>();
        }
        std::vector<std::string> warnings;
        for (const auto& u : unknown)
          warnings.push_back("299 - \"unknown field \\\"" + u + "\\\"\"");
        EXPECT_EQ(warnings, expected_warnings);
        counts.warnings_checked += static_cast<int>(expected_warnings.size());
      }

      const auto causes = schema.validate(object, old);
      if (schema_422) {
        const auto& expected = resp["body"]["details"]["causes"];
        ASSERT_EQ(causes.size(), expected.size());
        for (size_t i = 0; i < causes.size(); ++i) {
          EXPECT_EQ(causes[i].reason, expected[i]["reason"]);
          EXPECT_EQ(causes[i].message, expected[i]["message"]);
          EXPECT_EQ(causes[i].field, expected[i]["field"]);
          ++counts.causes_checked;
        }
        EXPECT_EQ(
            invalid_message(crd.kind + "." + crd.group, resp["body"]["details"]["name"], causes),
            resp["body"]["message"]);
        continue;
      }
      EXPECT_TRUE(causes.empty()) << causes.front().message;
      EXPECT_EQ(object["spec"], resp["body"]["spec"]);
      EXPECT_EQ(object.value("status", json()), resp["body"].value("status", json()));
      ++counts.bodies_checked;
    }
  }

 private:
  static void remember(const json& body, std::map<std::string, json>& stored) {
    if (!body.is_object() || body.value("apiVersion", "") != "k3k.io/v1beta1") return;
    if (!body.contains("spec") || !body["metadata"].is_object()) return;
    stored[body["metadata"]["name"].get<std::string>()] = body;
  }

  std::map<std::string, Crd> crds_;
};

TEST(Transcripts, SchemaCausesBodiesAndWarningsMatchTheRealApiserver) {
  TranscriptReplay replay;
  Replayed counts;
  for (const auto& entry :
       std::filesystem::directory_iterator(KRAFT_TEST_DATA_DIR "/kube-transcripts")) {
    if (entry.path().extension() == ".json") replay.replay(entry.path(), counts);
  }
  // Guards against the replay silently skipping everything.
  EXPECT_GE(counts.causes_checked, 7);
  EXPECT_GE(counts.bodies_checked, 30);
  EXPECT_GE(counts.warnings_checked, 1);
}

}  // namespace
}  // namespace kraft::testing
