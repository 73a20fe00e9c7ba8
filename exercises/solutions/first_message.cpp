// Exercise 01, solved: the helper sends, main receives.
#include <chan/chan.hpp>

#include <cstdio>
#include <string>
#include <thread>
#include <utility>

int main() {
    chan::trace::name_thread("main");

    auto [tx, rx] = chan::bounded<std::string>(1, "greetings");

    std::thread helper([tx = std::move(tx)] {
        chan::trace::name_thread("helper");
        tx.send("hello");
    });

    std::string greeting = "(nothing yet)";
    if (auto result = rx.recv()) greeting = *result;

    std::printf("got: %s\n", greeting.c_str());
    helper.join();
    return 0;
}
