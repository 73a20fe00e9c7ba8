// Exercise 12: give up on a send that waits too long.
//
// A waiter takes three orders to a kitchen through "orders", which has room for one.
// The kitchen is warming up and takes nothing for the first 200 ms. A waiter who can
// wait only 20 ms per order must give up on the orders that do not fit, and go on.
//
// Check it:  ./cookbook exercise send_with_timeout
#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <thread>
#include <utility>

using namespace std::chrono_literals;

int main() {
    chan::trace::name_thread("main");

    auto [orders_tx, orders_rx] = chan::bounded<int>(1, "orders");

    std::thread kitchen([orders = std::move(orders_rx)] {
        chan::trace::name_thread("kitchen");
        std::this_thread::sleep_for(200ms);  // warming up: no order is taken yet
        for (int order : orders) {
            std::printf("cooked order %d\n", order);
            std::this_thread::sleep_for(20ms);
        }
    });

    std::thread waiter([orders = std::move(orders_tx)] {
        chan::trace::name_thread("waiter");
        for (int order = 1; order <= 3; ++order) {
            // TODO: this waits as long as the kitchen makes it. Wait at most 20 ms:
            //       orders.send_for(order, 20ms) returns a result that tests false when
            //       it failed. Then print "gave up on order N" and go on to the next one.
            orders.send(order);
            std::printf("placed order %d\n", order);
        }
        std::printf("waiter done\n");
    });

    waiter.join();
    kitchen.join();
    return 0;
}
