# Every user-visible string has its German translation: lupdate over the window's sources,
# run on a copy of the .ts file, finds nothing new and leaves nothing unfinished.
#   cmake -DLUPDATE=... -DTS=... -DOUT=... -DSOURCES="a;b" -P translations_complete.cmake
file(COPY_FILE ${TS} ${OUT})
execute_process(COMMAND ${LUPDATE} -silent -locations none -no-obsolete ${SOURCES} -ts ${OUT}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed (${rc}): ${out}${err}")
endif()
file(READ ${OUT} ts)
string(REGEX MATCHALL "<source>[^<]*</source>[ \n\r\t]*<translation type=\"unfinished\">"
       unfinished "${ts}")
list(LENGTH unfinished n)
if(n GREATER 0)
    string(REPLACE "<translation type=\"unfinished\">" "" names "${unfinished}")
    message(FATAL_ERROR "${n} strings without a German translation: ${names}\n"
                        "Run: cmake --build build/dev --target update_translations, then translate them.")
endif()
message(STATUS "every string of the window has its German translation")
