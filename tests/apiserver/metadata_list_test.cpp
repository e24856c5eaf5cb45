// Lists in metadata-only form, as client-go's metadata client asks for them (Accept:
// application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1): kube-apiserver answers a
// PartialObjectMetadataList of PartialObjectMetadata items, each only the object's metadata,
// and picks the first media type of the Accept list it can produce.
#include <gtest/gtest.h>

#include "test_support/test_client.h"

namespace kraft::testing {
namespace {

using nlohmann::json;

constexpr const char* kMetadataAccept =
    "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";

class MetadataList : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(client_.post("/api/v1/namespaces", namespace_body("ns")).status, 201);
    json cm = {{"apiVersion", "v1"},
               {"kind", "ConfigMap"},
               {"metadata", {{"name", "notes"}, {"labels", {{"team", "a"}}}}},
               {"data", {{"secret-ish", "not in a metadata list"}}}};
    ASSERT_EQ(client_.post("/api/v1/namespaces/ns/configmaps", cm).status, 201);
  }
  json list(const std::string& accept) {
    HttpResult r = client_.request("GET", "/api/v1/namespaces/ns/configmaps?labelSelector=team%3Da",
                                   "", "application/json", {{"Accept", accept}});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  TestApiServer server_;
  TestClient client_{server_};
};

TEST_F(MetadataList, ItemsAreOnlyTheirMetadata) {
  json l = list(kMetadataAccept);
  EXPECT_EQ(l["kind"], "PartialObjectMetadataList");
  EXPECT_EQ(l["apiVersion"], "meta.k8s.io/v1");
  EXPECT_TRUE(l["metadata"].contains("resourceVersion"));
  ASSERT_EQ(l["items"].size(), 1u);
  const json& item = l["items"][0];
  EXPECT_EQ(item["kind"], "PartialObjectMetadata");
  EXPECT_EQ(item["apiVersion"], "meta.k8s.io/v1");
  EXPECT_EQ(item["metadata"]["name"], "notes");
  EXPECT_EQ(item["metadata"]["labels"]["team"], "a");
  EXPECT_FALSE(item.contains("data"));
}

TEST_F(MetadataList, TheFirstMediaTypeItCanProduceWins) {
  // Plain JSON first: whole objects.
  json plain = list("application/json," + std::string(kMetadataAccept));
  EXPECT_EQ(plain["kind"], "ConfigMapList");
  EXPECT_TRUE(plain["items"][0].contains("data"));
}

}  // namespace
}  // namespace kraft::testing
