# One recipe, run by the visualizer and drawn at a few moments (cmake -P, under Xvfb):
# the visualizer must exit 0 (an ImGui assertion or a crash does not), and png_check must
# find every picture drawn and each different from the one before.
#   -DVISUALIZER=... -DPNG_CHECK=... -DRECIPE=name -DOUT=dir
set(shot ${OUT}/${RECIPE}.png)
file(MAKE_DIRECTORY ${OUT})
file(GLOB old ${OUT}/${RECIPE}-*.png)
if(old)
    file(REMOVE ${old})
endif()
execute_process(
    COMMAND ${VISUALIZER} --recipe ${RECIPE} --screenshot ${shot} --at 15% --at 45% --at 80%
    RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "visualizer --recipe ${RECIPE} failed (${result}):\n${err}${out}")
endif()
execute_process(
    COMMAND ${PNG_CHECK} --differ ${OUT}/${RECIPE}-1.png ${OUT}/${RECIPE}-2.png ${OUT}/${RECIPE}-3.png
    RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT result EQUAL 0)
    message(FATAL_ERROR "the pictures of ${RECIPE} are blank or do not move (see above)")
endif()
