import Testing
import CGSL
@testable import Statistics

@Suite struct GSLRuntimeTests {
    /// With the handler off, a domain error returns a status instead of aborting the process.
    @Test func domainErrorsReturnInsteadOfAborting() {
        GSLRuntime.prepare()
        var result = gsl_sf_result(val: 0, err: 0)
        let status = gsl_sf_lngamma_e(-1.0, &result)
        #expect(status != GSL_SUCCESS)
    }
}
