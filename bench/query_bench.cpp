// Latency of lexq statements through the public C++ API: every statement of a mix, run in several
// rounds of several repetitions, interleaved so that a noisy moment touches all of them alike.
//
// lexq_bench_query DB MIX.tsv [--rounds R] [--reps K] [--budget SECONDS]
//   MIX.tsv: label <tab> class <tab> statement [<tab> more columns, ignored]; '#' lines are comments.
//   Prints one TSV line per statement: label, class, result count (search: all matching articles;
//   apply: findings; show: provisions), first run, p50, p99, min and max in ms, and the lowest and
//   highest per-round median (the spread between rounds); then the peak resident memory. A round of one
//   statement stops early once it has used its share of the budget (default 10 s per statement), so a slow
//   statement at a million provisions still finishes, with fewer samples (the count is printed).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "lexq/lexq.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Entry {
    std::string label, kind, statement;
    long long count = -1;
    double first_ms = 0;
    std::vector<double> all;
    std::vector<double> round_medians;
};

std::vector<Entry> read_mix(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        std::cerr << "lexq_bench_query: cannot read " << path << "\n";
        std::exit(2);
    }
    std::vector<Entry> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        Entry e;
        std::getline(fields, e.label, '\t');
        std::getline(fields, e.kind, '\t');
        std::getline(fields, e.statement, '\t');
        if (!e.statement.empty()) out.push_back(e);
    }
    return out;
}

long long count_of(const lexq::Outcome& o) {
    if (!o.ok()) return -1;
    const lexq::Result& r = *o.result;
    if (r.kind == lexq::Result::Kind::search) return static_cast<long long>(r.total);
    if (r.kind == lexq::Result::Kind::apply) return static_cast<long long>(r.findings.size());
    return static_cast<long long>(r.provisions.size());
}

double run_once(lexq::Engine& engine, Entry& e) {
    const auto start = Clock::now();
    const auto outcomes = engine.run(e.statement);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (outcomes.size() != 1 || !outcomes[0].ok()) {
        const std::string why = outcomes.empty() || !outcomes[0].error ? "no outcome" : outcomes[0].error->message;
        if (e.first_ms == 0) std::cerr << "lexq_bench_query: " << e.label << ": " << why << "\n";  // once
    } else {
        e.count = count_of(outcomes[0]);
    }
    return ms;
}

// The q-quantile by nearest rank.
double quantile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto rank = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(rank, v.size() - 1)];
}

long peak_rss_kb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: lexq_bench_query DB MIX.tsv [--rounds R] [--reps K]\n";
        return 2;
    }
    int rounds = 5, reps = 20;
    double budget_ms = 10000;
    for (int i = 3; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--rounds") rounds = std::max(1, std::atoi(argv[i + 1]));
        if (flag == "--reps") reps = std::max(1, std::atoi(argv[i + 1]));
        if (flag == "--budget") budget_ms = 1000 * std::atof(argv[i + 1]);
    }
    std::vector<Entry> mix = read_mix(argv[2]);
    lexq::Error error;
    const auto opened = Clock::now();
    auto engine = lexq::Engine::open(argv[1], &error);
    if (!engine) {
        std::cerr << "lexq_bench_query: " << error.message << "\n";
        return 2;
    }
    const double open_ms = std::chrono::duration<double, std::milli>(Clock::now() - opened).count();
    // The first run of each statement is reported apart: it pays for cold pages and caches.
    for (auto& e : mix) e.first_ms = run_once(*engine, e);
    for (int r = 0; r < rounds; ++r) {
        for (auto& e : mix) {
            std::vector<double> round;
            double spent = 0;
            for (int k = 0; k < reps && spent < budget_ms / rounds; ++k) spent += round.emplace_back(run_once(*engine, e));
            e.round_medians.push_back(quantile(round, 0.5));
            e.all.insert(e.all.end(), round.begin(), round.end());
        }
    }
    std::printf("label\tclass\tcount\tfirst_ms\tp50_ms\tp99_ms\tmin_ms\tmax_ms\tround_median_lo\tround_median_hi\tsamples\n");
    for (const auto& e : mix) {
        const auto [lo, hi] = std::minmax_element(e.round_medians.begin(), e.round_medians.end());
        std::printf("%s\t%s\t%lld\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%zu\n", e.label.c_str(), e.kind.c_str(), e.count,
                    e.first_ms, quantile(e.all, 0.5), quantile(e.all, 0.99), quantile(e.all, 0), quantile(e.all, 1), *lo, *hi,
                    e.all.size());
    }
    std::printf("# open_ms\t%.3f\n# peak_rss_kb\t%ld\n", open_ms, peak_rss_kb());
    return 0;
}
