// The zstd command line (zstd, unzstd, zstdcat) on libzstd's streaming API.
// The interface follows the zstd CLI (v1.5.x): option spelling, suffix
// rules, the summary and --list formats. Messages carry the "zstd: " prefix
// and name files the GNU way.
#pragma once

#include "applets/support/invocation.h"

namespace mc::compress {

enum class Personality {
  kZstd,     // compress unless -d/-t/-l
  kUnzstd,   // zstd -d
  kZstdcat,  // zstd -dcf
};

int Main(Invocation& inv, Personality who);

}  // namespace mc::compress
