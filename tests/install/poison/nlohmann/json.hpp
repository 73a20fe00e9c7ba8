// Put first on the include path of the programs that use only chan::chan: if any of its
// installed headers reached for nlohmann_json, their build would stop here.
#error "chan::chan must not need nlohmann_json: only chan::trace_load may include it"
