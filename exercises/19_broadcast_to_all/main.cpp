// Exercise 19: every subscriber hears every announcement.
//
// On an ordinary channel, receivers share the messages: each goes to one of them. On a
// broadcast channel every receiver gets every message sent after it subscribed. Make a
// broadcast channel named "announcements", give each of three subscriber threads its
// own receiver before main sends anything, send the four announcements, and let the
// subscribers end once main is done sending.
//
// Check it:  ./cookbook exercise broadcast_to_all
#include <chan/chan.hpp>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

const char* const announcements[] = {"doors open", "talk starts", "coffee break", "doors close"};

// Prints every announcement it receives; ends when the channel closes.
void subscriber(int id, chan::broadcast_receiver<std::string> rx) {
    chan::trace::name_thread("subscriber " + std::to_string(id));
    int heard = 0;
    for (const std::string& a : rx) {
        std::printf("subscriber %d got: %s\n", id, a.c_str());
        ++heard;
    }
    std::printf("subscriber %d heard %d announcements\n", id, heard);
}

int main() {
    chan::trace::name_thread("main");

    // TODO: make a broadcast channel of std::string named "announcements", with room for
    //       4 messages: auto [tx, rx] = chan::broadcast<std::string>(4, "announcements");

    std::vector<std::thread> subscribers;
    // TODO: start three threads running subscriber(id, receiver) for id 1, 2, 3, each with
    //       a receiver of its own, made now, before anything is sent:
    //       subscribers.emplace_back(subscriber, id, tx.subscribe());
    //       (The receiver the factory returned counts as a subscriber too: hand it to one
    //       of them, or destroy it, so that nobody is left unread.)

    // TODO: send each of the announcements, then destroy the sender (tx = {}): that
    //       closes the channel, and each subscriber's loop ends once it has read all.

    for (std::thread& s : subscribers) s.join();
    return 0;
}
