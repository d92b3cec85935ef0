#include "applets/support/tz.h"

#include <unistd.h>

#include <catch2/catch.hpp>

using mc::tz::Zone;

TEST_CASE("civil dates") {
  CHECK(mc::tz::DaysFromCivil(1970, 1, 1) == 0);
  CHECK(mc::tz::DaysFromCivil(2020, 1, 2) == 18263);
  CHECK(mc::tz::DaysFromCivil(1969, 12, 31) == -1);
  CHECK(mc::tz::DaysFromCivil(2000, 3, 1) == 11017);
  CHECK(mc::tz::YearOf(0) == 1970);
  CHECK(mc::tz::YearOf(-1) == 1969);
  CHECK(mc::tz::YearOf(1577923200) == 2020);
  CHECK(mc::tz::YearOf(1609459199) == 2020);
  CHECK(mc::tz::YearOf(1609459200) == 2021);
}

TEST_CASE("UTC and POSIX offsets") {
  CHECK(Zone::Load("").FromLocal(2020, 1, 2, 3, 4, 5) == 1577934245);
  CHECK(Zone::Load("UTC0").FromLocal(2020, 1, 2, 3, 4, 5) == 1577934245);
  CHECK(Zone::Load("NOSUCH5").FromLocal(2020, 1, 2, 3, 4, 0) == 1577934240 + 5 * 3600);
  CHECK(Zone::Load("<+0530>-5:30").OffsetAt(0) == 19800);
  CHECK(Zone::Load("garbage!").OffsetAt(0) == 0);
  CHECK(!Zone::Load("").FromLocal(2020, 2, 30, 0, 0, 0));
  CHECK(!Zone::Load("").FromLocal(2019, 2, 29, 0, 0, 0));
  CHECK(Zone::Load("").FromLocal(2020, 2, 29, 0, 0, 0));
}

TEST_CASE("TZif files, with transitions") {
  if (::access("/usr/share/zoneinfo/America/New_York", R_OK) != 0) {
    WARN("SKIPPED: no /usr/share/zoneinfo/America/New_York");
    return;
  }
  Zone ny = Zone::Load("America/New_York");
  CHECK(ny.OffsetAt(1577934245) == -5 * 3600);            // January
  CHECK(ny.OffsetAt(1593648000) == -4 * 3600);            // July
  CHECK(ny.FromLocal(2020, 7, 1, 20, 0, 0) == 1593648000);
  CHECK(!ny.FromLocal(2020, 3, 8, 2, 30, 0));              // skipped hour
  CHECK(ny.FromLocal(2020, 11, 1, 1, 30, 0) == 1604208600);  // ambiguous: the earlier
  CHECK(Zone::Load(":America/New_York").OffsetAt(0) == -5 * 3600);
}

TEST_CASE("POSIX daylight-saving rules") {
  Zone us = Zone::Load("EST5EDT,M3.2.0,M11.1.0");
  CHECK(us.At(1710053999).offset == -5 * 3600);  // 2024-03-10 01:59:59 EST
  CHECK(us.At(1710053999).abbreviation == "EST");
  CHECK(us.At(1710054000).offset == -4 * 3600);  // 02:00 EST becomes 03:00 EDT
  CHECK(us.At(1710054000).abbreviation == "EDT");
  CHECK(us.At(1710054000).dst);
  CHECK(us.At(1730613599).offset == -4 * 3600);  // 2024-11-03 01:59:59 EDT
  CHECK(us.At(1730613600).offset == -5 * 3600);
  // A DST name without a rule takes the US rule, as glibc.
  CHECK(Zone::Load("EST5EDT").At(1720000000).abbreviation == "EDT");
  // Southern hemisphere: the rule wraps the new year; /3 is the end time.
  Zone au = Zone::Load("AEST-10AEDT,M10.1.0,M4.1.0/3");
  CHECK(au.At(1704067200).offset == 11 * 3600);  // 2024-01-01
  CHECK(au.At(1719792000).offset == 10 * 3600);  // 2024-07-01
  CHECK(au.At(1719792000).abbreviation == "AEST");
  // Julian days and angle-bracket names.
  Zone j = Zone::Load("<-03>3<-02>,J60/0,J300/0");
  CHECK(j.At(1709251200 + 3 * 3600).abbreviation == "-02");  // 2024-03-01 local midnight
  CHECK(Zone::Load("<+0530>-5:30").At(0).abbreviation == "+0530");
  CHECK(us.FromLocal(2024, 7, 1, 0, 0, 0) == 1719806400);
  CHECK(!us.FromLocal(2024, 3, 10, 2, 30, 0));  // skipped
  CHECK(!Zone::Load("EST5EDT,M13.1.0,M11.1.0").At(0).dst);  // bad rule: EST5EDT unparsed
}

TEST_CASE("TZif abbreviations and the footer rule") {
  if (::access("/usr/share/zoneinfo/Europe/Paris", R_OK) != 0) {
    WARN("SKIPPED: no /usr/share/zoneinfo/Europe/Paris");
    return;
  }
  Zone paris = Zone::Load("Europe/Paris");
  CHECK(paris.At(1704067200).abbreviation == "CET");
  CHECK(paris.At(1719792000).abbreviation == "CEST");
  // 2100-06-30: past the file's last transition (2037), the footer rules.
  CHECK(paris.At(4118166000).offset == 2 * 3600);
  CHECK(paris.At(4118166000).abbreviation == "CEST");
  CHECK(paris.At(4102444800).offset == 3600);
}
