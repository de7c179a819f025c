// Tests of the file and buffer calls of include/groggy.hpp that test_groggy_hpp.cpp leaves
// out: save_buffer / load_buffer, and read_edgelist's progress callback (false stops the
// read; an exception it throws stops it and is rethrown unchanged) and cancel token.

#include "check.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <unistd.h>

namespace {
struct Boom : std::runtime_error {
    Boom() : std::runtime_error("boom") {}
};
} // namespace

static void test_buffers() {
    static_assert(!std::is_copy_constructible_v<groggy::Buffer>);
    static_assert(std::is_nothrow_move_constructible_v<groggy::Buffer>);
    Graph g(true);
    g.add_edge("a", 1, {{"w", 2.5}, {"tag", "t"}});
    g.add_node("lonely", {{"b", Bytes{0, 1, 2}}});
    groggy::Buffer buf = g.save_buffer();
    CHECK(buf.size() > 0 && buf.data() != nullptr);

    Graph h = Graph::load_buffer(buf);
    CHECK(h.is_directed() && h.node_count() == 3 && h.has_edge("a", 1) && !h.has_edge(1, "a"));
    CHECK(h.edge_attr("a", 1, "w")->as<double>() == 2.5);
    CHECK(h.node_attr("lonely", "b")->as<Bytes>() == (Bytes{0, 1, 2}));
    // The same bytes as a saved file; a moved buffer keeps them.
    Bytes bytes = buf.to_bytes();
    groggy::Buffer moved(std::move(buf));
    CHECK(buf.handle() == nullptr && moved.to_bytes() == bytes);
    CHECK(Graph::load_buffer(bytes).edge_count() == 1);
    CHECK(Graph::load_buffer(h.save_buffer()).save_buffer().to_bytes() == bytes);

    // Damaged or foreign bytes: GR_STATUS_IO, never a crash.
    Bytes cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(bytes.size() / 2));
    EXPECT_ERROR(GR_STATUS_IO, "load_buffer", Graph::load_buffer(cut));
    EXPECT_ERROR(GR_STATUS_IO, "load_buffer", Graph::load_buffer(Bytes{}));
    Bytes text{'1', ' ', '2', '\n'};
    EXPECT_ERROR(GR_STATUS_IO, "load_buffer", Graph::load_buffer(text));
    // A moved-from graph is refused, not a crash.
    Graph gone(std::move(g));
    EXPECT_ERROR(GR_STATUS_INVALID_ARGUMENT, "save_buffer", (void)g.save_buffer());
}

static void test_progress_and_cancel(const std::filesystem::path &dir) {
    const std::string path = (dir / "big.txt").string();
    {
        std::ofstream f(path);
        for (int i = 0; i < 3000; ++i) f << i << ' ' << (i + 1) << ' ' << (i % 7) << ".5\n";
    }
    const uint64_t size = std::filesystem::file_size(path);

    // Reports go up to the whole file and never back.
    groggy::EdgelistOptions o;
    int calls = 0;
    uint64_t last = 0, total = 0;
    bool backwards = false;
    o.progress = [&](uint64_t done, uint64_t all) {
        ++calls;
        backwards = backwards || done < last;
        last = done;
        total = all;
        return true;
    };
    Graph g = Graph::read_edgelist(path, o);
    CHECK(g.edge_count() == 3000 && calls > 1 && !backwards && last == size && total == size);

    // false stops the read: GR_STATUS_CALLBACK.
    calls = 0;
    o.progress = [&](uint64_t, uint64_t) { return ++calls < 2; };
    EXPECT_ERROR(GR_STATUS_CALLBACK, "read_edgelist", Graph::read_edgelist(path, o));
    CHECK(calls == 2);

    // An exception stops it too and comes out as it was thrown, the callback not called
    // again after it.
    calls = 0;
    o.progress = [&](uint64_t, uint64_t) -> bool {
        if (++calls == 3) throw Boom();
        return true;
    };
    bool caught = false;
    try {
        (void)Graph::read_edgelist(path, o);
    } catch (const Boom &) {
        caught = true;
    }
    CHECK(caught && calls == 3);

    // A token triggered before the call, or from the callback, cancels the read.
    groggy::Cancel cancel;
    o.progress = nullptr;
    CHECK(Graph::read_edgelist(path, o, &cancel).node_count() == 3001);
    cancel.trigger();
    EXPECT_ERROR(GR_STATUS_CANCELLED, "read_edgelist", Graph::read_edgelist(path, o, &cancel));
    groggy::Cancel later;
    o.progress = [&](uint64_t, uint64_t) {
        later.trigger();
        return true;
    };
    EXPECT_ERROR(GR_STATUS_CANCELLED, "read_edgelist", Graph::read_edgelist(path, o, &later));
}

int main() {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("groggy-hpp-files-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    test_buffers();
    test_progress_and_cancel(dir);
    std::filesystem::remove_all(dir);
    std::printf("%d passed, 0 failed\n", passed);
    return 0;
}
