/* @applet tsort
   @help
Usage: tsort [OPTION] [FILE]
Write totally ordered list consistent with the partial ordering in FILE.

With no FILE, or when FILE is -, read standard input.

      --help        display this help and exit
      --version     output version information and exit
*/
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "registry/applet.h"

namespace {

constexpr int kNil = -1;

// Knuth's Algorithm T, with GNU's order: items are visited in byte order of
// their names, a node's successors newest first, and loops are reported and
// broken one relation at a time.
struct Item {
  const std::string* name;      // the key in Graph::index_ (one copy)
  std::size_t count = 0;        // predecessors not yet output
  std::vector<int> succ;        // in insertion order; walked newest first
  int qlink = kNil;
  bool done = false;
};

class Graph {
 public:
  // A new name is moved into the index (s is left empty).
  int Find(std::string& s) {
    auto it = index_.find(s);
    if (it != index_.end()) return it->second;
    int id = static_cast<int>(items_.size());
    it = index_.emplace(std::move(s), id).first;
    items_.push_back(Item{&it->first, 0, {}, kNil, false});
    return id;
  }
  void Relate(int j, int k) {
    if (j == k) return;
    ++items_[static_cast<std::size_t>(k)].count;
    items_[static_cast<std::size_t>(j)].succ.push_back(k);
  }
  // Returns false when a loop was found.
  bool Sort(mc::Invocation& inv, const std::string& file) {
    std::vector<int> order;  // items by name
    for (const auto& [name, id] : index_) order.push_back(id);
    std::size_t left = items_.size();
    bool ok = true;
    mc::Output& out = inv.out();
    while (left > 0) {
      int head = kNil, tail = kNil;
      for (int id : order) {
        Item& it = items_[static_cast<std::size_t>(id)];
        if (it.count == 0 && !it.done) {
          if (head == kNil) head = id;
          else items_[static_cast<std::size_t>(tail)].qlink = id;
          tail = id;
        }
      }
      while (head != kNil) {
        Item& h = items_[static_cast<std::size_t>(head)];
        out.Write(*h.name);
        out.Put('\n');
        h.done = true;
        --left;
        for (auto p = h.succ.rbegin(); p != h.succ.rend(); ++p) {
          Item& s = items_[static_cast<std::size_t>(*p)];
          if (--s.count == 0) {
            items_[static_cast<std::size_t>(tail)].qlink = *p;
            tail = *p;
          }
        }
        int next = h.qlink;
        head = next;
      }
      if (left > 0) {
        mc::Warn(inv, mc::QuoteName(file) + ": input contains a loop:");
        ok = false;
        loop_ = kNil;
        do {
          for (int id : order)
            if (DetectLoop(inv, id)) break;
        } while (loop_ != kNil);
      }
    }
    return ok;
  }

 private:
  // One step of GNU's loop search over the items in name order; true when
  // a loop was printed and one of its relations removed.
  bool DetectLoop(mc::Invocation& inv, int k) {
    Item& ki = items_[static_cast<std::size_t>(k)];
    if (ki.count == 0) return false;
    if (loop_ == kNil) {
      loop_ = k;
      return false;
    }
    for (std::size_t n = ki.succ.size(); n-- > 0;) {
      if (ki.succ[n] != loop_) continue;
      if (ki.qlink != kNil) {
        // Retrace the path back to k, printing it, then cut k -> loop.
        while (loop_ != kNil) {
          Item& l = items_[static_cast<std::size_t>(loop_)];
          int tmp = l.qlink;
          mc::Warn(inv, *l.name);
          if (loop_ == k) {
            --items_[static_cast<std::size_t>(ki.succ[n])].count;
            ki.succ.erase(ki.succ.begin() + static_cast<long>(n));
            break;
          }
          l.qlink = kNil;
          loop_ = tmp;
        }
        while (loop_ != kNil) {
          Item& l = items_[static_cast<std::size_t>(loop_)];
          int tmp = l.qlink;
          l.qlink = kNil;
          loop_ = tmp;
        }
        return true;
      }
      ki.qlink = loop_;
      loop_ = k;
      break;
    }
    return false;
  }

  std::vector<Item> items_;
  std::map<std::string, int> index_;
  int loop_ = kNil;
};

}  // namespace

MC_APPLET(tsort) {
  mc::cli::Parser p(inv);
  std::vector<std::string> ops;
  if (auto rc = p.Parse(&ops)) return *rc;
  if (ops.size() > 1) return mc::UsageError(inv, "extra operand " + mc::Quote(ops[1]));
  std::string file = ops.empty() ? "-" : ops[0];
  int fd = mc::OpenInput(inv, file);
  if (fd < 0) return 1;

  Graph g;
  std::string token;
  bool have_first = false;
  int first = kNil;
  std::uintmax_t tokens = 0;
  std::vector<char> buf(mc::kReadBlock);
  auto finish_token = [&] {
    if (token.empty()) return;
    int id = g.Find(token);
    ++tokens;
    if (!have_first) {
      first = id;
      have_first = true;
    } else {
      g.Relate(first, id);
      have_first = false;
    }
    token.clear();
  };
  for (;;) {
    long n = mc::ReadSome(fd, buf.data(), buf.size());
    if (n < 0) {
      mc::WarnErrno(inv, mc::QuoteName(file), errno);
      mc::CloseInput(inv, fd);
      return 1;
    }
    if (n == 0) break;
    // Runs of token bytes are appended at once.
    std::size_t run = 0;
    const std::size_t got = static_cast<std::size_t>(n);
    for (std::size_t i = 0; i < got; ++i) {
      char c = buf[i];
      if (c == ' ' || c == '\t' || c == '\n') {
        token.append(buf.data() + run, i - run);
        run = i + 1;
        finish_token();
      }
    }
    token.append(buf.data() + run, got - run);
  }
  finish_token();
  mc::CloseInput(inv, fd);
  if (tokens % 2 != 0) {
    mc::Warn(inv, mc::QuoteName(file) + ": input contains an odd number of tokens");
    return 1;
  }
  return g.Sort(inv, file) ? 0 : 1;
}
