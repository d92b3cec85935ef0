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
