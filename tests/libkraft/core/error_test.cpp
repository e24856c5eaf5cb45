#include <gtest/gtest.h>
#include <kraft/core/error.h>

namespace kraft {
namespace {

TEST(Error, CarriesItsExitCode) {
  Error e("cluster \"demo\" not found", ExitCode::kNotFound);
  EXPECT_EQ(e.exit_code(), ExitCode::kNotFound);
  EXPECT_STREQ(e.what(), "cluster \"demo\" not found");
}

TEST(Error, DefaultsToGenericFailure) {
  EXPECT_EQ(Error("boom").exit_code(), ExitCode::kError);
}

TEST(ObjectRef, NamesAnObjectAsKubectlWould) {
  EXPECT_EQ((ObjectRef{"clusters.k3k.io", "ns", "demo"}).str(), "clusters.k3k.io ns/demo");
  EXPECT_EQ((ObjectRef{"namespaces", "", "team"}).str(), "namespaces team");
  EXPECT_EQ((ObjectRef{"secrets", "ns", ""}).str(), "secrets in namespace ns");
  EXPECT_EQ(ObjectRef{}.str(), "");
  EXPECT_TRUE(ObjectRef{}.empty());
}

TEST(Error, CarriesTheObjectItConcerns) {
  const ObjectRef demo{"clusters.k3k.io", "ns", "demo"};
  EXPECT_EQ(Error("boom", ExitCode::kError, demo).object(), demo);
  EXPECT_TRUE(Error("boom").object().empty());
  EXPECT_EQ(DecodeError("bad", demo).object(), demo);
  EXPECT_EQ(ValidationError("bad name", demo).object(), demo);
}

TEST(Error, EachKindKeepsItsExitCode) {
  EXPECT_EQ(ValidationError("x").exit_code(), ExitCode::kUsage);
  EXPECT_EQ(DecodeError("x").exit_code(), ExitCode::kError);
  EXPECT_EQ(TimeoutError("x").exit_code(), ExitCode::kTimeout);
  EXPECT_EQ(TransportError("x", TransportError::Cause::kTimeout).exit_code(), ExitCode::kTimeout);
}

TEST(TransportError, SaysWhichCausesMayPassBySelf) {
  using Cause = TransportError::Cause;
  EXPECT_TRUE(TransportError("x", Cause::kUnreachable).transient());
  EXPECT_TRUE(TransportError("x", Cause::kTimeout).transient());
  EXPECT_TRUE(TransportError("x", Cause::kConnectionLost).transient());
  EXPECT_FALSE(TransportError("x", Cause::kTlsName).transient());
  EXPECT_FALSE(TransportError("x", Cause::kTlsTrust).transient());
  EXPECT_FALSE(TransportError("x", Cause::kOther).transient());
}

}  // namespace
}  // namespace kraft
