#include "pki/asn1_time.h"

#include <kraft/pki/client_certificate.h>
#include <openssl/err.h>

#include <cstdio>
#include <ctime>

namespace kraft::pki::detail {

namespace chr = std::chrono;

TimePoint to_time_point(const ASN1_TIME* time) {
  std::tm tm{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) {
    ERR_clear_error();
    throw PkiError("certificate: unreadable validity time");
  }
  // Civil-date arithmetic in UTC; timegm/mktime would depend on the platform or TZ.
  chr::sys_days day = chr::year{tm.tm_year + 1900} /
                      chr::month{static_cast<unsigned>(tm.tm_mon + 1)} /
                      chr::day{static_cast<unsigned>(tm.tm_mday)};
  return TimePoint(day) + chr::hours{tm.tm_hour} + chr::minutes{tm.tm_min} +
         chr::seconds{tm.tm_sec};
}

void set_time(ASN1_TIME* time, TimePoint when) {
  auto seconds = chr::floor<chr::seconds>(when).time_since_epoch().count();
  if (ASN1_TIME_set(time, static_cast<time_t>(seconds)) == nullptr) {
    ERR_clear_error();
    throw PkiError("certificate: validity time out of range");
  }
}

std::string format_utc(TimePoint when) {
  chr::sys_seconds s = chr::floor<chr::seconds>(when);
  chr::sys_days day = chr::floor<chr::days>(s);
  chr::year_month_day ymd(day);
  chr::hh_mm_ss hms(s - day);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return text;
}

}  // namespace kraft::pki::detail
