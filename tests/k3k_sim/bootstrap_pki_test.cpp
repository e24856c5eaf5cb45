// The bootstrap secret holds real CAs: its PEMs parse, each key matches its certificate, and a
// client certificate minted from clientCA (as K3k's CLI mints one) verifies against it.
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "sim_fixture.h"
#include "text_codec.h"

namespace kraft::testing {
namespace {

using nlohmann::json;

struct X509Deleter {
  void operator()(X509* x) const { X509_free(x); }
};
struct KeyDeleter {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using X509Ptr = std::unique_ptr<X509, X509Deleter>;
using KeyPtr = std::unique_ptr<EVP_PKEY, KeyDeleter>;

X509Ptr parse_cert(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509Ptr cert(PEM_read_bio_X509(bio, nullptr, nullptr, nullptr));
  BIO_free(bio);
  return cert;
}

KeyPtr parse_key(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  KeyPtr key(PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr));
  BIO_free(bio);
  return key;
}

bool verifies(const X509Ptr& leaf, const X509Ptr& ca) {
  X509_STORE* store = X509_STORE_new();
  X509_STORE_add_cert(store, ca.get());
  X509_STORE_CTX* ctx = X509_STORE_CTX_new();
  X509_STORE_CTX_init(ctx, store, leaf.get(), nullptr);
  const bool ok = X509_verify_cert(ctx) == 1;
  X509_STORE_CTX_free(ctx);
  X509_STORE_free(store);
  return ok;
}

class BootstrapSecret : public K3kSimTest {
 protected:
  json bootstrap() {
    create_ready("a", json::object());
    json secret = get("/api/v1/namespaces/team/secrets/k3k-a-bootstrap");
    auto decoded = base64_decode(secret["data"]["bootstrap"].get<std::string>());
    EXPECT_TRUE(decoded);
    return json::parse(decoded.value_or("{}"));
  }
};

TEST_F(BootstrapSecret, EveryCaAndKeyParsesAndBelongsTogether) {
  json b = bootstrap();
  for (const std::string ca : {"serverCA", "clientCA", "etcdServerCA"}) {
    ASSERT_TRUE(b.contains(ca)) << ca;
    EXPECT_FALSE(b[ca]["Timestamp"].get<std::string>().empty());
    X509Ptr cert = parse_cert(b[ca]["Content"]);
    KeyPtr key = parse_key(b[ca + "Key"]["Content"]);
    ASSERT_TRUE(cert) << ca;
    ASSERT_TRUE(key) << ca << "Key";
    EXPECT_EQ(X509_check_private_key(cert.get(), key.get()), 1) << ca;
    EXPECT_EQ(X509_check_ca(cert.get()), 1) << ca << " is a CA";
  }
  EXPECT_NE(b["serverCA"]["Content"], b["clientCA"]["Content"]);
}

TEST_F(BootstrapSecret, AClientCertificateSignedByTheClientCaVerifies) {
  json b = bootstrap();
  TestCa client_ca = TestCa::from_pem(b["clientCA"]["Content"], b["clientCAKey"]["Content"]);
  KeyPair admin = client_ca.issue_client("system:admin", {"system:masters"});
  X509Ptr leaf = parse_cert(admin.cert_pem);
  ASSERT_TRUE(leaf);
  EXPECT_TRUE(verifies(leaf, parse_cert(b["clientCA"]["Content"])));
  EXPECT_FALSE(verifies(leaf, parse_cert(b["serverCA"]["Content"])));
}

TEST_F(BootstrapSecret, TheSimulatorHandsOutTheSameCas) {
  json b = bootstrap();
  auto pki = sim_.pki("team", "a");
  ASSERT_TRUE(pki);
  EXPECT_EQ(pki->client_ca.cert_pem(), b["clientCA"]["Content"]);
  EXPECT_EQ(pki->server_ca.key_pem(), b["serverCAKey"]["Content"]);
}

TEST_F(BootstrapSecret, TheKubeconfigSecretPointsAtTheServiceWithTheServerCa) {
  json b = bootstrap();
  json secret = get("/api/v1/namespaces/team/secrets/k3k-a-kubeconfig");
  std::string kubeconfig = base64_decode(secret["data"]["kubeconfig.yaml"]).value_or("");
  std::string ip = get("/api/v1/namespaces/team/services/k3k-a-service")["spec"]["clusterIP"];
  EXPECT_NE(kubeconfig.find("server: https://" + ip + ":443"), std::string::npos) << kubeconfig;
  EXPECT_NE(kubeconfig.find(base64_encode(b["serverCA"]["Content"])), std::string::npos);
}

}  // namespace
}  // namespace kraft::testing
