// Exercise 19, solved: three receivers subscribed before the first send each get all four.
#include <chan/chan.hpp>

#include <cstdio>
#include <string>
#include <thread>
#include <utility>
#include <vector>

const char* const announcements[] = {"doors open", "talk starts", "coffee break", "doors close"};

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

    auto [tx, rx] = chan::broadcast<std::string>(4, "announcements");

    // Each receiver exists before the first send, so each sees everything.
    std::vector<std::thread> subscribers;
    subscribers.emplace_back(subscriber, 1, std::move(rx));
    subscribers.emplace_back(subscriber, 2, tx.subscribe());
    subscribers.emplace_back(subscriber, 3, tx.subscribe());

    for (const char* a : announcements) tx.send(a);
    tx = {};  // the last sender: the subscribers' loops end once they have read everything

    for (std::thread& s : subscribers) s.join();
    return 0;
}
