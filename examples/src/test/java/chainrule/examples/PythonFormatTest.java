package chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected strings are what Python 3.11 and numpy 1.24 print for the same float32 values. */
class PythonFormatTest {

  @ParameterizedTest
  @CsvSource({
    "0x1.7c9fe2p-1, 0.7434073090553284",
    "0x1.4876ccp-13, 0.00015662386431358755",
    "0x1.f75104p-17, 1.4999999621068127e-05",
    "0x1.62e43p-1, 0.6931471824645996",
    "0x1p0, 1.0",
    "0x1p-1, 0.5",
    "0x1.e24p16, 123456.0",
    "0x1.1c3794p53, 1.0000000272564224e+16",
    "0x1.a36e2ep-14, 9.999999747378752e-05",
  })
  void reprIsPythonsFloatRepr(String hex, String python) {
    assertEquals(python, PythonFormat.repr(Float.parseFloat(hex)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "0x1.16d3acp-10 0x1.ff6f0ap-1 0x1.ff6f0ap-1 0x1.b2cb6ep-10 | [[0.00106364]\\n [0.99889404]\\n [0.99889404]\\n [0.00165861]]",
    "0x1.d4be56p-14 0x1.ffe98cp-1 0x1.ffeb5p-1 0x1.84ccb8p-13 | [[1.1175716e-04]\\n [9.9982870e-01]\\n [9.9984217e-01]\\n [1.8539414e-04]]",
    "0x1p-1 0x1p-1 0x1p-1 0x1p-1 | [[0.5]\\n [0.5]\\n [0.5]\\n [0.5]]",
    "0x0p0 0x1p0 0x1p0 0x0p0 | [[0.]\\n [1.]\\n [1.]\\n [0.]]",
    "0x1p-1 0x1p-2 0x1p-3 0x1p0 | [[0.5  ]\\n [0.25 ]\\n [0.125]\\n [1.   ]]",
    "0x1.13a5f4p-12 0x1.ffacc2p-1 0x1.ffe39ap-1 0x1.6827a4p-13 | [[2.6287866e-04]\\n [9.9936491e-01]\\n [9.9978334e-01]\\n [1.7173521e-04]]",
    "0x1.333334p-2 0x1.666666p-1 0x1.f9adbcp-4 0x1.ccccccp-1 | [[0.3      ]\\n [0.7      ]\\n [0.1234567]\\n [0.9      ]]",
  })
  void columnIsNumpysPrint(String hexValues, String numpy) {
    String[] hex = hexValues.trim().split(" ");
    float[] values = new float[hex.length];
    for (int i = 0; i < hex.length; i++) {
      values[i] = Float.parseFloat(hex[i]);
    }
    assertEquals(numpy.replace("\\n", "\n"), PythonFormat.column(values));
  }
}
