#pragma once
// Between X.509 validity times (ASN1_TIME: UTCTime or GeneralizedTime, always UTC) and
// std::chrono, without going through the process's time zone.
#include <chrono>
#include <string>

#include "pki/openssl_ptr.h"

namespace kraft::pki::detail {

using TimePoint = std::chrono::system_clock::time_point;

/// The instant `time` names; throws PkiError when OpenSSL cannot read it.
TimePoint to_time_point(const ASN1_TIME* time);
/// Sets `time` to `when`, to the second (RFC 5280 picks UTCTime before 2050).
void set_time(ASN1_TIME* time, TimePoint when);
/// "2025-01-02T03:04:05Z", for messages.
std::string format_utc(TimePoint when);

}  // namespace kraft::pki::detail
