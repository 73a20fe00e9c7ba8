#include "facts.hpp"

#include <chan/result.hpp>

#include <algorithm>
#include <set>

namespace exercises {

namespace {

using chan::trace::event;
using chan::trace::kind;

std::string status_name(std::uint8_t s) { return std::string(chan::to_string(static_cast<chan::status>(s))); }

// An operation a thread began and had not finished when the trace ends.
struct open_operation {
    std::string operation;
    std::vector<std::uint32_t> channels;
    call_site where;
};

class builder {
public:
    explicit builder(const chan::trace::recording& r) : r_(r) {}

    void run(std::vector<channel_facts>& channels, std::vector<std::string>& threads,
             std::vector<waiting_facts>& waiting, std::vector<select_facts>& selects) {
        for (const event& e : r_.events) {
            note_thread(e.thread);
            take(e);
        }
        for (std::uint32_t t : thread_order_) threads.push_back(thread_name(t));
        for (std::uint32_t t : thread_order_) {
            auto open = open_.find(t);
            if (open == open_.end() || exited_.count(t)) continue;
            waiting_facts w{thread_name(t), open->second.operation, {}, open->second.where};
            for (std::uint32_t c : open->second.channels) w.channels.push_back(channel_name(c));
            waiting.push_back(std::move(w));
        }
        for (auto& s : selects_) {
            select_facts f{thread_name(s.thread), {}, s.chosen, s.outcome};
            for (std::uint32_t c : s.arms) f.arms.push_back(channel_name(c));
            selects.push_back(std::move(f));
        }
        for (auto& [id, c] : channels_) {
            for (auto& m : c.messages) {
                m.sender = thread_name(sender_thread_[{id, m.number}]);
                for (std::uint32_t t : receiver_threads_[{id, m.number}]) m.receivers.push_back(thread_name(t));
            }
            if (closer_.count(id)) c.closed_by = thread_name(closer_[id]);
            if (disconnector_.count(id)) c.disconnected_by = thread_name(disconnector_[id]);
            channels.push_back(c);
        }
    }

private:
    struct select_state {
        std::uint32_t thread = 0;
        std::vector<std::uint32_t> arms;
        std::int16_t chosen = -1;
        std::string outcome;
    };

    void note_thread(std::uint32_t t) {
        if (t != 0 && std::find(thread_order_.begin(), thread_order_.end(), t) == thread_order_.end())
            thread_order_.push_back(t);
    }

    std::string thread_name(std::uint32_t t) const {
        auto it = thread_names_.find(t);
        return it != thread_names_.end() ? it->second : "thread " + std::to_string(t);
    }
    std::string channel_name(std::uint32_t c) const {
        auto it = channels_.find(c);
        return it != channels_.end() && !it->second.name.empty() ? it->second.name : "channel " + std::to_string(c);
    }

    call_site site(const event& e) const {
        return {e.file < r_.files.size() ? r_.files[e.file] : std::string(), e.line};
    }

    void begin(const event& e, std::string operation, std::vector<std::uint32_t> channels) {
        open_[e.thread] = {std::move(operation), std::move(channels), site(e)};
    }
    void finish(const event& e) { open_.erase(e.thread); }

    void take(const event& e) {
        channel_facts* c = nullptr;
        if (e.channel != 0 && e.what != kind::channel_created) {
            auto it = channels_.find(e.channel);
            if (it != channels_.end()) c = &it->second;
        }
        switch (e.what) {
            case kind::thread_named: thread_names_[e.thread] = e.text; break;
            case kind::channel_created: {
                channel_facts& n = channels_[e.channel];
                n.id = e.channel;
                n.name = e.text.empty() ? "channel " + std::to_string(e.channel) : e.text;
                n.flavor = static_cast<chan::trace::flavor>(e.detail);
                n.capacity = e.a;
                break;
            }
            case kind::send_begin: begin(e, "send", {e.channel}); break;
            case kind::recv_begin: begin(e, "recv", {e.channel}); break;
            case kind::send_blocked:
                if (c) ++c->blocked_sends;
                break;
            case kind::recv_blocked:
                if (c) ++c->blocked_recvs;
                break;
            case kind::send_done:
                finish(e);
                if (c) c->messages.push_back({e.message, e.text, {}, {}});
                sender_thread_[{e.channel, e.message}] = e.thread;
                break;
            case kind::recv_done:
                finish(e);
                receiver_threads_[{e.channel, e.message}].push_back(e.thread);
                break;
            case kind::send_failed:
                finish(e);
                if (c) ++c->failed_sends[status_name(e.detail)];
                break;
            case kind::recv_failed:
                finish(e);
                if (c) ++c->failed_recvs[status_name(e.detail)];
                break;
            case kind::select_begin:
                begin(e, "select", {});
                selects_.push_back({e.thread, {}, -1, ""});
                current_select_[e.thread] = selects_.size() - 1;
                break;
            case kind::select_arm:
                if (auto it = current_select_.find(e.thread); it != current_select_.end()) {
                    selects_[it->second].arms.push_back(e.channel);
                    open_[e.thread].channels.push_back(e.channel);
                }
                break;
            case kind::select_blocked: break;
            case kind::select_done:
                finish(e);
                if (auto it = current_select_.find(e.thread); it != current_select_.end()) {
                    selects_[it->second].chosen = e.arm;
                    selects_[it->second].outcome = status_name(e.detail);
                    current_select_.erase(it);
                }
                break;
            case kind::timer_fired:
                if (c) ++c->timer_fires;
                break;
            case kind::closed: closer_[e.channel] = e.thread; break;
            case kind::disconnected:
                if (c && !c->disconnected) {
                    c->disconnected = static_cast<chan::trace::disconnect_cause>(e.detail);
                    disconnector_[e.channel] = e.thread;
                }
                break;
            case kind::thread_exited: exited_.insert(e.thread); break;
            case kind::handles:
            case kind::lagged: break;
        }
    }

    const chan::trace::recording& r_;
    std::map<std::uint32_t, channel_facts> channels_;
    std::map<std::uint32_t, std::string> thread_names_;
    std::vector<std::uint32_t> thread_order_;
    std::map<std::pair<std::uint32_t, std::uint64_t>, std::uint32_t> sender_thread_;
    std::map<std::pair<std::uint32_t, std::uint64_t>, std::vector<std::uint32_t>> receiver_threads_;
    std::map<std::uint32_t, std::uint32_t> closer_, disconnector_;
    std::map<std::uint32_t, open_operation> open_;
    std::set<std::uint32_t> exited_;
    std::vector<select_state> selects_;
    std::map<std::uint32_t, std::size_t> current_select_;
};

}  // namespace

trace_facts::trace_facts(const chan::trace::recording& r) { builder(r).run(channels_, threads_, waiting_, selects_); }

const channel_facts* trace_facts::channel(const std::string& name) const {
    auto it = std::find_if(channels_.begin(), channels_.end(), [&](const channel_facts& c) { return c.name == name; });
    return it != channels_.end() ? &*it : nullptr;
}

std::string describe(const waiting_facts& w) {
    std::string text = w.thread + " in " + w.operation;
    for (std::size_t i = 0; i < w.channels.size(); ++i) text += (i == 0 ? " on " : ", ") + w.channels[i];
    if (w.where.line != 0) {
        const std::size_t slash = w.where.file.find_last_of('/');
        text += " (" + w.where.file.substr(slash == std::string::npos ? 0 : slash + 1) + ":" +
                std::to_string(w.where.line) + ")";
    }
    return text;
}

}  // namespace exercises
