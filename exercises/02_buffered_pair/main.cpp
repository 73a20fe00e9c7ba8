// Exercise 02: a buffered channel holds messages before anyone receives.
//
// A channel made with room for two messages accepts two sends at once, even though no
// thread is receiving yet. Make a channel named "words" with room for two, send
// "buffered" and then "channel" from main, and only then receive both, in order.
//
// Check it:  ./cookbook exercise buffered_pair
#include <chan/chan.hpp>

#include <cstdio>
#include <string>

int main() {
    chan::trace::name_thread("main");

    // TODO: make a channel of std::string named "words", with room for two messages.

    // Nobody receives yet, and there is no other thread: each send must find room in
    // the channel and complete at once, or main would wait for a receiver forever.
    // TODO: send "buffered", then "channel".

    // TODO: receive the two words, in the order they were sent, and print each one
    //       with std::printf("received: %s\n", word.c_str());

    return 0;
}
