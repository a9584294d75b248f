// Checks what the quickstart printed in its build (build.log): both runs, with the Vector API and without it,
// must give the same results, and those must be right.
def log = new File(basedir, 'build.log').text
def lines = log.readLines()

def fail = { String why -> throw new AssertionError(why + '\n--- build.log ---\n' + log) }
def values = { String prefix -> lines.findAll { it.startsWith(prefix) } }

// One run each way.
if (values('vector api: on').size() != 1) fail('expected one run with jdk.incubator.vector')
if (values('vector api: off (scalar loops)').size() != 1) fail('expected one run without jdk.incubator.vector')

// Everything after the first line of each run is the same: the scalar path computes the same numbers.
def results = lines.findAll { it ==~ /^(class path|black-scholes|mlp|run-time compiles):.*/ }
def half = results.size().intdiv(2)
if (results.size() != 20 || results.subList(0, half) != results.subList(half, results.size())) {
  fail('the two runs printed different results: ' + results)
}

// The run-time class path holds Olympus' run-time jars and nothing that only builds use (the processor,
// JavaPoet, AutoService, compile-testing).
def classPath = values('class path: ')[0] - 'class path: '
def expected = 'olympus-annotations olympus-kernels olympus-runtime olympus-tracer'
if (classPath != expected) fail("run-time class path is '$classPath', expected '$expected'")

// Black-Scholes against float64 with the exact normal distribution function
// (src/test/python/black_scholes_reference.py). The prices are float32 (2^-24 relative, 1e-5 at 150) from a
// polynomial whose error is below 7.5e-8 times the spot: 2e-4 absolute bounds both with room, and the mean of
// a million float32 values summed in double is as close.
def reference = ['mean price': 20.379540, 'call 0 price': 0.089712, 'call 500000 price': 15.885704,
                 'call 999999 price': 57.720365]
reference.each { key, want ->
  def line = values('black-scholes: ').find { it.contains(key + ' ') }
  if (line == null) fail("no black-scholes line with '$key'")
  def got = (line =~ /${key} (-?[0-9.]+)/)[0][1] as double
  // Printed with 4 decimals: half a unit of the last digit on top of the bound above.
  if (Math.abs(got - want) > 2e-4 + 5e-5) fail("black-scholes $key is $got, expected $want")
}
if (!values('black-scholes: ')[0].startsWith('black-scholes: 1000000 calls')) fail('expected a million calls')

// The MLP learns the spirals: ln 3 = 1.0986 is chance; a 2-64-64-3 network fits 300 points almost exactly.
def number = { String prefix -> (values(prefix)[0] - prefix).replace('%', '') as double }
def initial = number('mlp: initial loss ')
def last = number('mlp: final loss ')
def accuracy = number('mlp: train accuracy ')
if (initial < 0.9 || initial > 1.5) fail("initial loss $initial is not near chance (ln 3)")
if (last > 0.1) fail("final loss $last: the MLP did not train")
if (accuracy < 95) fail("train accuracy $accuracy%: the MLP did not train")

// Every call ran a kernel that javac generated: nothing was traced at run time.
if (values('run-time compiles: ').any { it != 'run-time compiles: 0' }) fail('a Foo_Jit call fell back to run-time tracing')

if (values('black-scholes: Olympus.jit agrees').any { !it.endsWith(': true') }) fail('Olympus.jit and Pricing_Jit disagree')

// javac traced every @Jit method (no OLY warning) and the build printed no warning of ours.
if (log.contains('[OLY')) fail('the processor reported something while compiling the quickstart')
return true
