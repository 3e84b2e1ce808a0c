$version: "2.0"
namespace example.seed

@documentation("""
    First line
      indented "quoted" line \
    joined
    unicode \u00e9 \uD83D\uDE00
    """)
string Texty

@examples([
    { title: "one", input: { a: 1 }, output: {} }
])
operation Example {}
