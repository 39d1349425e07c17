#include "progress.hpp"

#include <cstdio>

#include <fmt/format.h>

namespace lexq::shell {

namespace {
constexpr int width = 30;
}

// Redrawn only when a tenth of a percent has passed: a million articles must not mean a million writes.
void ProgressBar::update(std::string_view phase, std::size_t done, std::size_t total) {
    if (!terminal_ || total == 0) return;
    const int permille = static_cast<int>(done * 1000 / total);
    if (phase == phase_ && permille == permille_) return;
    phase_ = phase;
    permille_ = permille;
    const int filled = permille * width / 1000;
    fmt::print(stderr, "\r\x1b[K{:<10} [{}{}] {:>3}% {}/{}", phase, std::string(static_cast<std::size_t>(filled), '#'),
               std::string(static_cast<std::size_t>(width - filled), '.'), permille / 10, done, total);
    std::fflush(stderr);
    drawn_ = true;
}

void ProgressBar::finish() {
    if (drawn_) fmt::print(stderr, "\r\x1b[K");
    drawn_ = false;
}

}  // namespace lexq::shell
