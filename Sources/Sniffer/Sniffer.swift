import Codec
import CPcap
