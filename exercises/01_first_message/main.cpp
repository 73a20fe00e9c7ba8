// Exercise 01: send your first message.
//
// A channel has two ends: a sender you send into and a receiver you receive from.
// A helper thread has a greeting for main. Make a channel named "greetings", send
// "hello" from the helper, and receive it in main.
//
// Check it:  ./cookbook exercise first_message
#include <chan/chan.hpp>

#include <cstdio>
#include <string>
#include <thread>

int main() {
    chan::trace::name_thread("main");

    // TODO: make a channel of std::string named "greetings", with room for one message:
    //       auto [tx, rx] = chan::bounded<std::string>(1, "greetings");

    std::thread helper([] {
        chan::trace::name_thread("helper");
        // TODO: send "hello" into the channel. (Capture the sender first: [tx = std::move(tx)])
    });

    std::string greeting = "(nothing yet)";
    // TODO: receive the greeting: rx.recv() returns a result; *result is the message.

    std::printf("got: %s\n", greeting.c_str());
    helper.join();
    return 0;
}
