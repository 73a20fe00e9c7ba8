# chan_npm_ci(<var>): a command that runs `npm ci` in the calling folder when its
# package.json or package-lock.json changes; sets <var> to its output, the stamp npm
# writes last (node_modules/.package-lock.json), for targets to depend on.
function(chan_npm_ci var)
    set(stamp ${CMAKE_CURRENT_SOURCE_DIR}/node_modules/.package-lock.json)
    file(RELATIVE_PATH folder ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
    add_custom_command(
        OUTPUT ${stamp}
        COMMAND ${CHAN_NPM} ci --no-audit --no-fund
        WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
        DEPENDS package.json package-lock.json
        COMMENT "Installing the npm packages of ${folder}/ (npm ci)"
        VERBATIM)
    set(${var} ${stamp} PARENT_SCOPE)
endfunction()
