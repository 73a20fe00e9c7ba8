// Download then process: a task sends a file name through a oneshot; the waiter hands it on.
//
// A oneshot channel fits a hand-off that happens once: the downloading thread sends
// the name of the file it fetched, and main, which waited for exactly that, starts
// the processing thread with it. Each stage runs on its own thread; main only
// connects them. The receive waits as long as the download takes.
//
// Ports: the oneshot "download then process" example of rust_howto
// (async_channels_oneshot2.rs).
//
// Run:   ./cookbook run download_then_process
//        ./cookbook run download_then_process --download-ms 1000 (a slower download:
//            the waiter waits longer)
//
// Output:
//     main: waiting for the download
//     Downloaded file: data.txt
//     Processing file: data.txt
//     Finished processing file.
#include <chrono>
#include <string>
#include <thread>

#include <chan/chan.hpp>
#include <chan/trace.hpp>

#include "cookbook.hpp"

// ANCHOR: example
namespace {

void download_file(chan::oneshot_sender<std::string> downloaded,
                   std::chrono::milliseconds how_long) {
    chan::trace::name_thread("download");
    const std::string filename = "data.txt";
    std::this_thread::sleep_for(how_long);  // simulates the download
    cookbook::println("Downloaded file: ", filename);
    std::move(downloaded).send(filename);
}

void process_file(std::string filename, std::chrono::milliseconds how_long) {
    chan::trace::name_thread("process");
    cookbook::println("Processing file: ", filename);
    std::this_thread::sleep_for(how_long);  // simulates the processing
    cookbook::println("Finished processing file.");
}

}  // namespace
// ANCHOR_END: example

int main(int argc, char** argv) {
    cookbook::args args(argc, argv,
                        {{"download-ms", 200, 0, 3000, "how long the download takes"},
                         {"process-ms", 100, 0, 3000, "how long the processing takes"}});

    // ANCHOR: example
    const auto download_time = args.get<std::chrono::milliseconds>("download-ms");
    const auto process_time = args.get<std::chrono::milliseconds>("process-ms");

    auto [tx, rx] = chan::oneshot<std::string>("filename");
    cookbook::println("main: waiting for the download");
    std::thread downloader(download_file, std::move(tx), download_time);

    std::string filename = rx.recv().value();  // waits for the downloader
    std::thread processor(process_file, std::move(filename), process_time);
    // ANCHOR_END: example

    downloader.join();
    processor.join();
    return 0;
}

// Checks:
//     takes 0.3..10 s
