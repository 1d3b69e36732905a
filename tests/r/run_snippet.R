# Run one R snippet from the docs as written and report what it produced.
#
# Usage: Rscript run_snippet.R snippet.R report.tsv   (working directory: the repository root)
#
# The snippet's top-level expressions are evaluated in order in a fresh environment. The report
# has one tab-separated record per line:
#   missing <package>               a package the snippet loads is not installed (nothing run)
#   frame   <name> <rows>           a data.frame the snippet printed or left in a variable
#   column  <name> <column> <class> the class of each of its columns
#   assert  <line> TRUE|FALSE       an expression whose line ends in "# TRUE" and its value
#   warning <message>               a warning raised while the snippet ran
# An error stops the run with a non-zero exit status (R's own message on stderr).

args <- commandArgs(trailingOnly = TRUE)
code <- readLines(args[[1]], encoding = "UTF-8", warn = FALSE)
out <- file(args[[2]], open = "w", encoding = "UTF-8")
emit <- function(...) writeLines(paste(..., sep = "\t"), out)

loads <- regmatches(code, regexpr("(library|require)\\(([A-Za-z0-9.]+)\\)", code))
needed <- unique(c(sub("^(library|require)\\((.*)\\)$", "\\2", loads),
                   unlist(regmatches(code, gregexpr("[A-Za-z0-9.]+(?=::)", code, perl = TRUE)))))
missing <- needed[!vapply(needed, requireNamespace, logical(1), quietly = TRUE)]
if (length(missing) > 0) {
  for (package in missing) emit("missing", package)
  close(out)
  quit(status = 0)
}

exprs <- parse(text = code, keep.source = TRUE, encoding = "UTF-8")
refs <- attr(exprs, "srcref")
env <- new.env(parent = globalenv())
frames <- list()
for (i in seq_along(exprs)) {
  last <- refs[[i]][[3]]
  result <- withCallingHandlers(
    withVisible(eval(exprs[[i]], envir = env)),
    warning = function(w) {
      emit("warning", gsub("[\t\n]", " ", conditionMessage(w)))
      invokeRestart("muffleWarning")
    }
  )
  if (grepl("#\\s*TRUE\\s*$", code[[last]])) {
    value <- result$value
    emit("assert", last, length(value) > 0 && isTRUE(all(value)))
  }
  if (result$visible && is.data.frame(result$value)) {
    frames[[sprintf("<value of line %d>", last)]] <- result$value
  }
}
for (name in ls(env)) {
  object <- get(name, envir = env)
  if (is.data.frame(object)) frames[[name]] <- object
}
for (name in names(frames)) {
  frame <- frames[[name]]
  emit("frame", name, nrow(frame))
  for (column in names(frame)) emit("column", name, column, class(frame[[column]])[[1]])
}
close(out)
