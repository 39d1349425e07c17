// A deterministic synthetic statute corpus for the benchmarks: N Markdown statutes in the layout
// lexq-kbc --import reads (docs/import.md), each with 编/章/节 headings, articles of 1–4 paragraphs,
// （一） items, 之一 articles and citations. The wording comes from a character Markov model (order 2)
// trained on a text file, so term frequencies and phrasing look like the training statutes.
// The output is a function of the seed and the training text only: no clock, no std:: distributions
// (their results differ between standard libraries), no hash-order iteration.
//
// gen_corpus TRAINING.txt OUT_DIR --files N --articles M [--seed S]
//   writes OUT_DIR/S0001.md … and OUT_DIR/manifest.txt (one "ID=FILE" a line, for --import).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

using Text = std::u32string;

// splitmix64: small, fast and the same everywhere.
struct Rng {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
    bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }
    template <class T> const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }
};

Text decode(const std::string& s) {
    Text out;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
        for (int k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out += cp;
        i += static_cast<std::size_t>(n);
    }
    return out;
}

std::string encode(const Text& t) {
    std::string out;
    for (char32_t c : t) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

// Standard Chinese numerals as statutes write article numbers: 十一, 一百零一, 一千零一十.
std::string numeral(int n) {
    static const char* digit[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    static const char* unit[] = {"", "十", "百", "千"};
    if (n >= 10 && n < 20) return std::string("十") + (n > 10 ? digit[n - 10] : "");
    std::string out;
    bool zero = false;
    for (int u = 3; u >= 0; --u) {
        int p = 1;
        for (int k = 0; k < u; ++k) p *= 10;
        const int d = (n / p) % 10;
        if (d == 0) {
            zero = !out.empty();
            continue;
        }
        if (zero) out += "零";
        zero = false;
        out += digit[d];
        out += unit[u];
    }
    return out;
}

constexpr char32_t begin_mark = 1, end_mark = 2;

// Order-2 character model: the characters seen after each pair, with repeats (so sampling follows frequency).
class Markov {
public:
    void train(const Text& line) {
        Text t = Text{begin_mark, begin_mark} + line + end_mark;
        for (std::size_t i = 2; i < t.size(); ++i) next_[key(t[i - 2], t[i - 1])].push_back(t[i]);
    }

    // One paragraph: a walk from the start to an end, cut at a sentence end once it is long enough.
    Text paragraph(Rng& rng, std::size_t max_chars) const {
        Text out;
        char32_t a = begin_mark, b = begin_mark;
        for (;;) {
            auto it = next_.find(key(a, b));
            if (it == next_.end()) break;
            const char32_t c = rng.pick(it->second);
            if (c == end_mark) break;
            out += c;
            if (out.size() >= max_chars && (c == U'。' || c == U'；')) break;
            if (out.size() >= max_chars * 2) break;
            a = b;
            b = c;
        }
        return out;
    }

private:
    static std::uint64_t key(char32_t a, char32_t b) { return (std::uint64_t(a) << 32) | b; }
    std::unordered_map<std::uint64_t, std::vector<char32_t>> next_;
};

// A training line without a leading item number, so paragraphs do not start with one, and without the
// corpus's […] gap marks, which only partial texts may hold.
Text cleaned(Text line) {
    if (line.size() > 2 && line[0] == U'（') {
        const auto close = line.find(U'）');
        if (close != Text::npos && close < 6) line = line.substr(close + 1);
    }
    for (auto gap = line.find(U"[…]"); gap != Text::npos; gap = line.find(U"[…]")) line.erase(gap, 3);
    return line;
}

bool starts_badly(const Text& t) {
    if (t.size() < 6) return true;
    const char32_t c = t[0];
    // 第… would read as a new article; the rest as Markdown or footnotes.
    return c == U'第' || c == U'（' || c == U'(' || c == U'#' || c == U'>' || c == U'<' || c == U' ' ||
           (c >= U'①' && c <= U'⑳') || c == U'，' || c == U'。' || c == U'、' || c == U'；' || c == U'：';
}

struct Names {
    std::vector<std::string> laws;  // short titles: 能源促进法 …
    std::vector<std::string> parts{"总则", "分则", "法律责任"};
    std::vector<std::string> chapters{"一般规定", "基本原则", "管理体制", "监督管理", "权利和义务", "组织机构",
        "登记管理", "安全保障", "信息公开", "许可和备案", "调查处理", "保障措施", "行政处罚", "民事责任",
        "刑事责任", "程序规定", "证据", "期间和送达", "执行", "法律责任", "附则", "救济", "协调机制",
        "服务与管理", "预防和处置"};
    std::vector<std::string> sections{"一般规定", "审查", "批准", "登记", "检查", "处理", "责任", "监督",
        "认定", "报告"};
};

// 1,000 law names from 50 subjects × 20 kinds, none of them a corpus instrument's name.
std::vector<std::string> law_names() {
    const std::vector<std::string> subject{"能源", "水利", "道路交通", "海洋", "森林", "草原", "矿产资源", "土地管理",
        "城乡规划", "建筑", "消防", "药品", "食品", "广告", "电力", "铁路", "民用航空", "港口", "邮政", "统计",
        "审计", "档案", "气象", "测绘", "文物", "体育", "教育", "职业教育", "科学技术", "农业", "种子", "畜牧",
        "渔业", "野生动物", "防洪", "节约能源", "清洁生产", "循环经济", "环境保护", "大气污染", "水污染",
        "噪声污染", "固体废物", "放射性污染", "旅游", "慈善", "会计", "注册会计师", "价格", "招标投标"};
    const std::vector<std::string> kind{"法", "管理法", "促进法", "保护法", "安全法", "监督法", "服务法", "保障法",
        "发展法", "规划法", "标准法", "条例法", "实施法", "责任法", "登记法", "许可法", "检查法", "资源法",
        "防治法", "利用法"};
    std::vector<std::string> out;
    for (const auto& k : kind)
        for (const auto& s : subject) out.push_back(s + k);
    return out;
}

struct Options {
    std::string training, out_dir;
    int files = 100, articles = 1000;
    std::uint64_t seed = 8;
};

class Writer {
public:
    Writer(const Markov& model, const Names& names, Rng rng) : model_(model), names_(names), rng_(rng) {}

    std::string statute(std::size_t index, int articles) {
        out_.str("");
        title_ = names_.laws[index % names_.laws.size()];
        out_ << "# 中华人民共和国" << title_ << "\n\n";
        out_ << (1990 + rng_.below(34)) << "年" << (1 + rng_.below(12)) << "月" << (1 + rng_.below(28))
             << "日 第" << numeral(7 + static_cast<int>(rng_.below(8))) << "届全国人民代表大会常务委员会第"
             << numeral(1 + static_cast<int>(rng_.below(30))) << "次会议通过\n\n<!-- INFO END -->\n\n";
        body(articles);
        return out_.str();
    }

private:
    void body(int articles) {
        const int parts = articles >= 300 ? 3 : 1;
        int written = 0, number = 0;
        for (int p = 0; p < parts; ++p) {
            const int part_end = articles * (p + 1) / parts;
            if (parts > 1) out_ << "## 第" << numeral(p + 1) << "编 " << names_.parts[static_cast<std::size_t>(p) % 3] << "\n\n";
            for (int c = 1; written < part_end; ++c) {
                const int chapter_end = std::min(part_end, written + 20 + static_cast<int>(rng_.below(41)));
                out_ << std::string(parts > 1 ? "### " : "## ") << "第" << numeral(c) << "章 " << rng_.pick(names_.chapters) << "\n\n";
                int sections = rng_.chance(30) ? 2 + static_cast<int>(rng_.below(3)) : 0;
                if (chapter_end - written < 4 * sections) sections = 0;  // no empty sections
                chapter(written, chapter_end, number, sections, parts > 1 ? "#### " : "### ");
            }
        }
    }

    void chapter(int& written, int end, int& number, int sections, const char* section_mark) {
        const int start = written;
        for (int s = 0; s < std::max(sections, 1); ++s) {
            const int section_end = sections == 0 ? end : start + (end - start) * (s + 1) / sections;
            if (sections > 0) out_ << section_mark << "第" << numeral(s + 1) << "节 " << rng_.pick(names_.sections) << "\n\n";
            for (; written < section_end; ++written) {
                const bool added = number > 1 && !last_added_ && rng_.chance(1);  // 第N条之一, after 第N条
                last_added_ = added;
                if (!added) ++number;
                article(number, added);
            }
        }
    }

    void article(int number, bool added) {
        article_ = number;
        out_ << "第" << numeral(number) << "条" << (added ? "之一" : "") << " ";
        const int roll = static_cast<int>(rng_.below(100));
        const int paragraphs = roll < 45 ? 1 : roll < 75 ? 2 : roll < 90 ? 3 : 4;
        for (int p = 1; p <= paragraphs; ++p) {
            if (p > 1) out_ << "\n\n";
            paragraph(p);
        }
        out_ << "\n\n";
    }

    void paragraph(int p) {
        Text t = sentence(80);
        if (t.size() < 40 && t.back() == U'。' && rng_.chance(50)) t += sentence(40);  // short ones often run on
        const bool items = rng_.chance(12);
        t = cited(t, p);
        if (items) {
            while (!t.empty() && (t.back() == U'。' || t.back() == U'；' || t.back() == U'：')) t.pop_back();
            t += U'：';
        }
        out_ << encode(t);
        if (!items) return;
        const int n = 2 + static_cast<int>(rng_.below(4));
        for (int i = 1; i <= n; ++i) {
            Text item = sentence(22);
            while (!item.empty() && (item.back() == U'。' || item.back() == U'；' || item.back() == U'：')) item.pop_back();
            item += i == n ? U'。' : U'；';
            out_ << "\n\n（" << numeral(i) << "）" << encode(item);
        }
    }

    Text sentence(std::size_t max_chars) {
        for (int attempt = 0;; ++attempt) {
            Text t = model_.paragraph(rng_, max_chars);
            if (starts_badly(t) && attempt < 50) continue;
            if (starts_badly(t)) t = decode("有关单位应当依法履行职责。");
            if (t.back() != U'。' && t.back() != U'；' && t.back() != U'：') t += U'。';
            return t;
        }
    }

    // Now and then a citation before the paragraph: this law, the preceding paragraph, the Criminal
    // Law, another statute.
    Text cited(const Text& t, int p) {
        if (!rng_.chance(15)) return t;
        std::string c;
        const int roll = static_cast<int>(rng_.below(4));
        if (roll == 0 && article_ > 1)
            c = "依照本法第" + numeral(1 + static_cast<int>(rng_.below(static_cast<std::size_t>(article_ - 1)))) + "条的规定，";
        else if (roll == 1 && p > 1)
            c = "违反前款规定的，";
        else if (roll == 2)
            c = "依照刑法第" + numeral(1 + static_cast<int>(rng_.below(450))) + "条的规定，";
        else
            c = "依照《中华人民共和国" + rng_.pick(names_.laws) + "》第" + numeral(1 + static_cast<int>(rng_.below(200))) + "条的规定，";
        return decode(c) + t;
    }

    const Markov& model_;
    const Names& names_;
    Rng rng_;
    std::ostringstream out_;
    std::string title_;
    int article_ = 0;
    bool last_added_ = false;
};

Options parse(int argc, char** argv) {
    Options o;
    std::vector<std::string> positional;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
        if (a == "--files") o.files = std::atoi(value().c_str());
        else if (a == "--articles") o.articles = std::atoi(value().c_str());
        else if (a == "--seed") o.seed = std::strtoull(value().c_str(), nullptr, 10);
        else positional.push_back(a);
    }
    if (positional.size() != 2 || o.files < 1 || o.files > 1000 || o.articles < 1 || o.articles > 9000) {
        std::cerr << "usage: gen_corpus TRAINING.txt OUT_DIR --files N(1-1000) --articles M(1-9000) [--seed S]\n";
        std::exit(2);
    }
    o.training = positional[0];
    o.out_dir = positional[1];
    return o;
}

Markov train(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        std::cerr << "gen_corpus: cannot read " << path << "\n";
        std::exit(2);
    }
    Markov m;
    std::string line;
    while (std::getline(in, line))
        if (!line.empty()) m.train(cleaned(decode(line)));
    return m;
}

}  // namespace

int main(int argc, char** argv) {
    const Options o = parse(argc, argv);
    const Markov model = train(o.training);
    Names names;
    names.laws = law_names();
    std::filesystem::create_directories(o.out_dir);
    std::ofstream manifest(o.out_dir + "/manifest.txt");
    for (int f = 0; f < o.files; ++f) {
        char id[16];
        std::snprintf(id, sizeof id, "S%04d", f + 1);
        // Each file has its own stream, so file k is the same whatever the number of files.
        Writer w(model, names, Rng{o.seed * 1000003ULL + static_cast<std::uint64_t>(f)});
        const std::string path = o.out_dir + "/" + id + ".md";
        std::ofstream(path, std::ios::binary) << w.statute(static_cast<std::size_t>(f), o.articles);
        manifest << id << "=" << path << "\n";
    }
    return 0;
}
