/* @applet yes
   @help
Usage: yes [STRING]...
  or:  yes OPTION
Repeatedly output a line with all specified STRING(s), or 'y'.

      --help        display this help and exit
      --version     output version information and exit
*/
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "registry/applet.h"

MC_APPLET(yes) {
  mc::cli::Parser parser(inv);
  std::vector<std::string> words;
  if (auto rc = parser.Parse(&words)) return *rc;
  std::string line;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) line += ' ';
    line += words[i];
  }
  if (words.empty()) line = "y";
  line += '\n';
  // One large block of whole lines, written again and again.
  std::string block;
  block.reserve(64 * 1024 + line.size());
  do block += line;
  while (block.size() < 64 * 1024);
  inv.set_write_error_label("standard output");
  for (;;) inv.out().WriteDirect(block);
}
