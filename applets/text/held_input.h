// The end of a stream held in memory, for the modes that must read to EOF
// before they know where to cut: head's "all but the last N" and tail's
// "last N" on pipes. Input stays in a queue of I/O blocks; whole blocks
// leave the front as soon as the rest holds enough, so memory is bounded by
// N (bytes or lines) plus one block.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string_view>

#include "applets/text/scan.h"

namespace mc::text {

class HeldInput {
 public:
  // A place in the held data: block index and offset within it.
  struct Position {
    std::size_t block = 0;
    std::size_t offset = 0;
  };

  // count_lines: keep per-block counts of `delim` (for the line modes).
  HeldInput(bool count_lines, char delim) : count_lines_(count_lines), delim_(delim) {}

  // Reads once into the last block, or a new one when it is full, with
  // read(char* buf, size_t capacity) -> long (bytes, 0 at EOF, <0 error).
  template <class ReadFn>
  long ReadMore(ReadFn&& read) {
    if (blocks_.empty() || blocks_.back().size == kIoBlock) {
      blocks_.emplace_back();
      blocks_.back().data = NewIoBuffer(kIoBlock);
    }
    Block& b = blocks_.back();
    const long r = read(b.data.get() + b.size, kIoBlock - b.size);
    if (r > 0) {
      const auto n = static_cast<std::size_t>(r);
      if (count_lines_) {
        const std::uint64_t d = CountByte(b.data.get() + b.size, n, delim_);
        b.delims += d;
        delims_ += d;
      }
      b.size += n;
      bytes_ += n;
    }
    return r;
  }

  // Passes front blocks to on_drop(string_view) and forgets them while the
  // blocks after them still hold at least n bytes.
  template <class DropFn>
  void KeepLastBytes(std::uintmax_t n, DropFn&& on_drop) {
    while (blocks_.size() > 1 && bytes_ - blocks_.front().size >= n) DropFront(on_drop);
  }

  // The same while the blocks after them hold more than n delimiters (the
  // cut before the last n lines then lies beyond the front block).
  template <class DropFn>
  void KeepLastLines(std::uintmax_t n, DropFn&& on_drop) {
    while (blocks_.size() > 1 && delims_ - blocks_.front().delims > n) DropFront(on_drop);
  }

  std::uintmax_t bytes() const { return bytes_; }

  // Where the last n bytes start (the start if fewer are held).
  Position StartOfLastBytes(std::uintmax_t n) const {
    std::uintmax_t skip = bytes_ > n ? bytes_ - n : 0;
    Position p;
    while (p.block < blocks_.size() && skip >= blocks_[p.block].size && skip != 0) {
      skip -= blocks_[p.block].size;
      ++p.block;
    }
    p.offset = static_cast<std::size_t>(skip);
    return p;
  }

  // Where the last n lines start: just after the delimiter that ends the
  // line before them (an unterminated last line counts as a line). The
  // start if fewer lines are held. n must be at least 1.
  Position StartOfLastLines(std::uintmax_t n) const {
    if (bytes_ == 0) return {};
    const Block& last = blocks_.back();
    const bool terminated = last.size > 0 && last.data.get()[last.size - 1] == delim_;
    std::uint64_t k = terminated ? (n == UINTMAX_MAX ? n : n + 1) : n;
    for (std::size_t i = blocks_.size(); i-- > 0;) {
      const Block& b = blocks_[i];
      const char* hit = FindNthReverse(b.data.get(), b.size, delim_, k);
      if (hit != nullptr) return {i, static_cast<std::size_t>(hit - b.data.get()) + 1};
    }
    return {};
  }

  // Calls sink(string_view) for the held data before p, then for the data
  // from p on.
  template <class SinkFn>
  void ForEachBefore(Position p, SinkFn&& sink) const {
    for (std::size_t i = 0; i < p.block && i < blocks_.size(); ++i) sink(View(i, 0, blocks_[i].size));
    if (p.block < blocks_.size() && p.offset > 0) sink(View(p.block, 0, p.offset));
  }
  template <class SinkFn>
  void ForEachFrom(Position p, SinkFn&& sink) const {
    for (std::size_t i = p.block; i < blocks_.size(); ++i) {
      const std::size_t from = i == p.block ? p.offset : 0;
      if (blocks_[i].size > from) sink(View(i, from, blocks_[i].size));
    }
  }

  void Clear() {
    blocks_.clear();
    bytes_ = 0;
    delims_ = 0;
  }

 private:
  struct Block {
    IoBuffer data;
    std::size_t size = 0;
    std::uint64_t delims = 0;
  };

  std::string_view View(std::size_t i, std::size_t from, std::size_t to) const {
    return std::string_view(blocks_[i].data.get() + from, to - from);
  }

  template <class DropFn>
  void DropFront(DropFn& on_drop) {
    const Block& f = blocks_.front();
    on_drop(std::string_view(f.data.get(), f.size));
    bytes_ -= f.size;
    delims_ -= f.delims;
    blocks_.pop_front();
  }

  bool count_lines_;
  char delim_;
  std::deque<Block> blocks_;
  std::uintmax_t bytes_ = 0;
  std::uint64_t delims_ = 0;
};

}  // namespace mc::text
