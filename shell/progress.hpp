// A progress bar on standard error for long work (imports), drawn only on a terminal.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace lexq::shell {

class ProgressBar {
public:
    explicit ProgressBar(bool terminal) : terminal_(terminal) {}
    ~ProgressBar() { finish(); }
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    void update(std::string_view phase, std::size_t done, std::size_t total);
    void finish();  // clears the bar, so that what follows starts on a clean line

private:
    bool terminal_;
    std::string phase_;
    int permille_ = -1;
    bool drawn_ = false;
};

}  // namespace lexq::shell
